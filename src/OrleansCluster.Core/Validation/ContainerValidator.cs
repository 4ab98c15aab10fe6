using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Rules for <c>spec.containers</c> and <c>spec.initContainers</c>. Names are unique across both lists
/// because the kubelet and the logs API address a container by name alone.
/// </summary>
public static class ContainerValidator
{
    public static readonly IReadOnlyList<string> PullPolicies = ["Always", "IfNotPresent", "Never"];
    public static readonly IReadOnlyList<string> Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly IReadOnlyList<string> TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];

    public static IEnumerable<FieldError> ValidateAll(V1PodSpec spec)
    {
        var containers = spec.Containers ?? [];
        if (containers.Count == 0)
        {
            yield return FieldError.Required("spec.containers");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lists = new[] { ("spec.initContainers", spec.InitContainers ?? [], true), ("spec.containers", containers, false) };
        foreach (var (field, list, init) in lists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"{field}[{i}]";
                var name = list[i].Name ?? "";
                if (name.Length > 0 && !seen.Add(name))
                {
                    yield return FieldError.Duplicate($"{path}.name", name);
                }

                foreach (var error in Validate(list[i], path, init))
                {
                    yield return error;
                }
            }
        }
    }

    /// <summary>An image is required and may not carry surrounding whitespace (it would never pull).</summary>
    public static IEnumerable<FieldError> ValidateImage(string? image, string field)
    {
        if (string.IsNullOrEmpty(image))
        {
            yield return FieldError.Required(field);
        }
        else if (image.Trim() != image)
        {
            yield return FieldError.Invalid(field, image, "must not have leading or trailing whitespace");
        }
    }

    private static IEnumerable<FieldError> Validate(V1Container container, string path, bool init)
    {
        var name = container.Name ?? "";
        var errors = new List<FieldError>();
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.name"));
        }
        else
        {
            errors.AddRange(NameSyntax.IsDns1123Label(name).Select(m => FieldError.Invalid($"{path}.name", name, m)));
        }

        errors.AddRange(ValidateImage(container.Image, $"{path}.image"));
        errors.AddRange(OneOf(container.ImagePullPolicy, PullPolicies, $"{path}.imagePullPolicy"));
        errors.AddRange(OneOf(container.TerminationMessagePolicy, TerminationMessagePolicies, $"{path}.terminationMessagePolicy"));
        if (container.RestartPolicy is { Length: > 0 } restart && (!init || restart != "Always"))
        {
            errors.Add(init
                ? FieldError.NotSupported($"{path}.restartPolicy", restart, ["Always"])
                : FieldError.Forbidden($"{path}.restartPolicy", "may not be set for non-init containers"));
        }

        errors.AddRange(ValidatePorts(container.Ports ?? [], $"{path}.ports"));
        errors.AddRange(ValidateEnv(container.Env ?? [], $"{path}.env"));
        errors.AddRange(ResourceRequirementsValidator.Validate(container.Resources, $"{path}.resources"));
        return errors;
    }

    /// <summary>Empty is Required, anything outside <paramref name="allowed"/> NotSupported: the shape of every enum field.</summary>
    public static IEnumerable<FieldError> OneOf(string? value, IReadOnlyList<string> allowed, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return FieldError.Required(field);
        }
        else if (!allowed.Contains(value))
        {
            yield return FieldError.NotSupported(field, value, allowed);
        }
    }

    private static IEnumerable<FieldError> ValidatePorts(IList<V1ContainerPort> ports, string field)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"{field}[{i}]";
            if (!string.IsNullOrEmpty(port.Name))
            {
                foreach (var message in PortSyntax.IsValidPortName(port.Name))
                {
                    yield return FieldError.Invalid($"{path}.name", port.Name, message);
                }

                if (!names.Add(port.Name))
                {
                    yield return FieldError.Duplicate($"{path}.name", port.Name);
                }
            }

            if (port.ContainerPort == 0)
            {
                yield return FieldError.Required($"{path}.containerPort");
            }

            foreach (var message in port.ContainerPort == 0 ? [] : PortSyntax.IsValidPortNumber(port.ContainerPort))
            {
                yield return FieldError.Invalid($"{path}.containerPort", port.ContainerPort, message);
            }

            foreach (var message in port.HostPort is null or 0 ? [] : PortSyntax.IsValidPortNumber(port.HostPort.Value))
            {
                yield return FieldError.Invalid($"{path}.hostPort", port.HostPort, message);
            }

            foreach (var error in OneOf(port.Protocol, Protocols, $"{path}.protocol"))
            {
                yield return error;
            }
        }
    }

    private static IEnumerable<FieldError> ValidateEnv(IList<V1EnvVar> env, string field)
    {
        for (var i = 0; i < env.Count; i++)
        {
            var path = $"{field}[{i}]";
            var name = env[i].Name ?? "";
            if (name.Length == 0)
            {
                yield return FieldError.Required($"{path}.name");
            }

            foreach (var message in name.Length == 0 ? [] : EnvVarSyntax.IsEnvVarName(name))
            {
                yield return FieldError.Invalid($"{path}.name", name, message);
            }

            if (!string.IsNullOrEmpty(env[i].Value) && env[i].ValueFrom is not null)
            {
                yield return FieldError.Invalid($"{path}.valueFrom", "", "may not be specified when `value` is not empty");
            }
        }
    }
}
