using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Service ports: names identify ports in endpoints, so they are required and unique once there are several;
/// node ports exist only for types that open a port on every node.
/// </summary>
public static class ServicePortValidator
{
    public static IEnumerable<FieldError> Validate(IList<V1ServicePort> ports, string type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var portsSeen = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            var name = port.Name ?? "";
            if (ports.Count > 1 && name.Length == 0)
            {
                yield return FieldError.Required($"{path}.name");
            }

            foreach (var message in name.Length == 0 ? [] : NameSyntax.IsDns1123Label(name))
            {
                yield return FieldError.Invalid($"{path}.name", name, message);
            }

            if (name.Length > 0 && !names.Add(name))
            {
                yield return FieldError.Duplicate($"{path}.name", name);
            }

            foreach (var message in PortSyntax.IsValidPortNumber(port.Port))
            {
                yield return FieldError.Invalid($"{path}.port", port.Port, message);
            }

            foreach (var error in ContainerValidator.OneOf(port.Protocol, ContainerValidator.Protocols, $"{path}.protocol"))
            {
                yield return error;
            }

            if (!portsSeen.Add((port.Port, port.Protocol ?? "")))
            {
                yield return FieldError.Duplicate(path, $"{port.Port}/{port.Protocol}");
            }

            foreach (var error in ValidateTargetPort(port.TargetPort?.Value, $"{path}.targetPort"))
            {
                yield return error;
            }

            foreach (var error in ValidateNodePort(port.NodePort, type, $"{path}.nodePort"))
            {
                yield return error;
            }
        }
    }

    /// <summary>
    /// The model keeps int-or-string as text, so an all-digit value is read as a number, which is how it
    /// was written on the wire in every manifest that names ports sensibly (port names need a letter).
    /// </summary>
    private static IEnumerable<FieldError> ValidateTargetPort(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        var messages = long.TryParse(value, out var number) ? PortSyntax.IsValidPortNumber(number) : PortSyntax.IsValidPortName(value);
        foreach (var message in messages)
        {
            yield return FieldError.Invalid(field, value, message);
        }
    }

    private static IEnumerable<FieldError> ValidateNodePort(int? nodePort, string type, string field)
    {
        if (nodePort is null or 0)
        {
            yield break;
        }

        if (type is not (ServiceValidator.NodePort or ServiceValidator.LoadBalancer))
        {
            yield return FieldError.Forbidden(field, $"may not be used when `type` is '{type}'");
        }
        else if (nodePort is < ServiceValidator.NodePortMin or > ServiceValidator.NodePortMax)
        {
            yield return FieldError.Invalid(field, nodePort,
                $"provided port is not in the valid range. The range of valid ports is {ServiceValidator.NodePortMin}-{ServiceValidator.NodePortMax}");
        }
    }
}
