using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>Whether a pod's tolerations let it onto a tainted node, by Kubernetes' matching rules.</summary>
public static class Tolerations
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    /// <summary>
    /// An empty toleration effect matches every effect; an empty key (with <c>Exists</c>) matches every key;
    /// <c>Exists</c> ignores the value, <c>Equal</c> (or no operator) compares it.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, string key, string? value, string effect)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == (value ?? ""),
            _ => false,
        };
    }

    public static bool Tolerates(IList<V1Toleration>? tolerations, string key, string? value, string effect)
    {
        if (tolerations is null)
        {
            return false;
        }

        foreach (var toleration in tolerations)
        {
            if (Tolerates(toleration, key, value, effect))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Tolerates(IList<V1Toleration>? tolerations, V1Taint taint) =>
        Tolerates(tolerations, taint.Key, taint.Value, taint.Effect);
}
