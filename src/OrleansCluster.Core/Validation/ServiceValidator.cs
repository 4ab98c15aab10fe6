using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>Service spec rules: type, ports, selector, session affinity and cluster IP shape.</summary>
public static class ServiceValidator
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";
    public const string Headless = "None";
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    public static readonly IReadOnlyList<string> Types = [ClusterIP, ExternalName, LoadBalancer, NodePort];
    public static readonly IReadOnlyList<string> SessionAffinities = ["ClientIP", "None"];

    public static IEnumerable<FieldError> ValidateCreate(V1Service service)
    {
        var spec = service.Spec ?? new V1ServiceSpec();
        var type = spec.Type ?? "";
        var clusterIP = spec.ClusterIP ?? "";
        var errors = new List<FieldError>();
        if (!Types.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.type", type, Types));
        }

        if (type == ExternalName)
        {
            errors.AddRange(ValidateExternalName(spec.ExternalName ?? "", clusterIP));
        }
        else if ((spec.Ports?.Count ?? 0) == 0 && clusterIP != Headless)
        {
            errors.Add(FieldError.Required("spec.ports"));
        }

        if (clusterIP == Headless && type is NodePort or LoadBalancer)
        {
            errors.Add(FieldError.Invalid("spec.clusterIP", clusterIP, $"may not be set to 'None' for {type} services"));
        }
        else if (clusterIP.Length > 0 && clusterIP != Headless && !NetworkSyntax.IsIp(clusterIP))
        {
            errors.Add(FieldError.Invalid("spec.clusterIP", clusterIP, NetworkSyntax.IpMessage));
        }

        errors.AddRange(ServicePortValidator.Validate(spec.Ports ?? [], type));
        errors.AddRange(LabelSyntax.ValidateLabels(spec.Selector, "spec.selector"));
        errors.AddRange(ValidateSessionAffinity(spec));
        return errors;
    }

    /// <summary>
    /// An allocated cluster IP is fixed for the service's life, since clients and proxies hold it;
    /// only a change to or from ExternalName, which has no cluster IP, may drop it.
    /// </summary>
    public static IEnumerable<FieldError> ValidateUpdate(V1Service newService, V1Service oldService)
    {
        var newSpec = newService.Spec ?? new V1ServiceSpec();
        var oldSpec = oldService.Spec ?? new V1ServiceSpec();
        var errors = ValidateCreate(newService).ToList();
        var involvesExternalName = newSpec.Type == ExternalName || oldSpec.Type == ExternalName;
        if (!involvesExternalName && !string.IsNullOrEmpty(oldSpec.ClusterIP) && newSpec.ClusterIP != oldSpec.ClusterIP)
        {
            errors.Add(FieldError.Invalid("spec.clusterIP", newSpec.ClusterIP ?? "", "field is immutable"));
        }

        return errors;
    }

    private static IEnumerable<FieldError> ValidateExternalName(string externalName, string clusterIP)
    {
        if (clusterIP.Length > 0)
        {
            yield return FieldError.Forbidden("spec.clusterIP", "may not be set for ExternalName services");
        }

        if (externalName.Length == 0)
        {
            yield return FieldError.Required("spec.externalName");
            yield break;
        }

        // A fully qualified name may end in '.', which is not part of the DNS-1123 syntax.
        foreach (var message in NameSyntax.IsDns1123Subdomain(externalName.TrimEnd('.')))
        {
            yield return FieldError.Invalid("spec.externalName", externalName, message);
        }
    }

    private static IEnumerable<FieldError> ValidateSessionAffinity(V1ServiceSpec spec)
    {
        var affinity = spec.SessionAffinity ?? "";
        if (!SessionAffinities.Contains(affinity))
        {
            yield return FieldError.NotSupported("spec.sessionAffinity", affinity, SessionAffinities);
        }

        if (affinity != "ClientIP" && spec.SessionAffinityConfig is not null)
        {
            yield return FieldError.Forbidden(
                "spec.sessionAffinityConfig", $"must not be set when `sessionAffinity` is {affinity}");
        }

        if (spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is { } timeout && timeout is <= 0 or > 86400)
        {
            yield return FieldError.Invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                "must be greater than 0 and less than 86400");
        }
    }
}
