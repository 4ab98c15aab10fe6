using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>Pod spec rules on create and the narrow set of changes an update may make.</summary>
public static class PodValidator
{
    public static readonly IReadOnlyList<string> RestartPolicies = ["Always", "OnFailure", "Never"];
    public static readonly IReadOnlyList<string> DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

    public static IEnumerable<FieldError> ValidateCreate(V1Pod pod) => ValidateSpec(pod.Spec ?? new V1PodSpec());

    public static IEnumerable<FieldError> ValidateSpec(V1PodSpec spec)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ContainerValidator.ValidateAll(spec));
        errors.AddRange(ContainerValidator.OneOf(spec.RestartPolicy, RestartPolicies, "spec.restartPolicy"));
        errors.AddRange(ContainerValidator.OneOf(spec.DnsPolicy, DnsPolicies, "spec.dnsPolicy"));
        if (spec.DnsPolicy == "None" && (spec.DnsConfig?.Nameservers?.Count ?? 0) == 0)
        {
            errors.Add(FieldError.Required("spec.dnsConfig", "must provide at least one DNS nameserver when DNSPolicy is None"));
        }

        if (spec.TerminationGracePeriodSeconds < 0)
        {
            errors.Add(FieldError.Invalid(
                "spec.terminationGracePeriodSeconds", spec.TerminationGracePeriodSeconds, "must be greater than or equal to 0"));
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errors.Add(FieldError.Invalid(
                "spec.activeDeadlineSeconds", deadline, PortSyntax.InclusiveRangeMessage(1, int.MaxValue)));
        }

        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            errors.AddRange(NameSyntax.IsDns1123Subdomain(spec.NodeName)
                .Select(m => FieldError.Invalid("spec.nodeName", spec.NodeName, m)));
        }

        errors.AddRange(LabelSyntax.ValidateLabels(spec.NodeSelector, "spec.nodeSelector"));
        errors.AddRange(TolerationValidator.Validate(spec.Tolerations, "spec.tolerations"));
        return errors;
    }

    /// <summary>
    /// A running pod's spec is fixed: only images, a shorter deadline and added tolerations may change.
    /// <c>spec.nodeName</c> in particular is set only at create or by the binding subresource.
    /// </summary>
    public static IEnumerable<FieldError> ValidateUpdate(V1Pod newPod, V1Pod oldPod)
    {
        var newSpec = newPod.Spec ?? new V1PodSpec();
        var oldSpec = oldPod.Spec ?? new V1PodSpec();
        var errors = new List<FieldError>();
        if ((newSpec.Containers?.Count ?? 0) != (oldSpec.Containers?.Count ?? 0)
            || (newSpec.InitContainers?.Count ?? 0) != (oldSpec.InitContainers?.Count ?? 0))
        {
            errors.Add(FieldError.Forbidden("spec.containers", "pod updates may not add or remove containers"));
            return errors;
        }

        for (var i = 0; i < (newSpec.Containers?.Count ?? 0); i++)
        {
            errors.AddRange(ContainerValidator.ValidateImage(newSpec.Containers![i].Image, $"spec.containers[{i}].image"));
        }

        for (var i = 0; i < (newSpec.InitContainers?.Count ?? 0); i++)
        {
            errors.AddRange(ContainerValidator.ValidateImage(newSpec.InitContainers![i].Image, $"spec.initContainers[{i}].image"));
        }

        errors.AddRange(ValidateDeadlineUpdate(newSpec.ActiveDeadlineSeconds, oldSpec.ActiveDeadlineSeconds));
        errors.AddRange(TolerationValidator.ValidateUpdate(newSpec.Tolerations, oldSpec.Tolerations, "spec.tolerations"));
        errors.AddRange(PodSpecImmutability.Validate(newSpec, oldSpec));
        return errors;
    }

    // A deadline may be added or shortened, never lengthened or removed: the kubelet may already be enforcing it.
    private static IEnumerable<FieldError> ValidateDeadlineUpdate(long? newDeadline, long? oldDeadline)
    {
        const string field = "spec.activeDeadlineSeconds";
        if (newDeadline is { } value)
        {
            if (value is < 0 or > int.MaxValue)
            {
                yield return FieldError.Invalid(field, value, PortSyntax.InclusiveRangeMessage(0, int.MaxValue));
            }
            else if (oldDeadline is { } old && value > old)
            {
                yield return FieldError.Invalid(field, value, "must be less than or equal to previous value");
            }
        }
        else if (oldDeadline is not null)
        {
            yield return FieldError.Invalid(field, null, "must not update from a positive integer to nil value");
        }
    }
}
