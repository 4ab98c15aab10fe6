using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// What Kubernetes' DefaultTolerationSeconds admission adds on create: pods stay on a node that turns not-ready or
/// unreachable for the configured seconds (<see cref="TolerationDefaults"/>) before eviction, unless they already
/// tolerate that taint themselves (their own toleration is kept as it is).
/// </summary>
public static class DefaultTolerations
{
    public const string NotReadyKey = "node.kubernetes.io/not-ready";
    public const string UnreachableKey = "node.kubernetes.io/unreachable";
    public static void Apply(V1PodSpec spec, TolerationDefaults defaults)
    {
        spec.Tolerations ??= [];
        foreach (var (key, seconds) in new[] { (NotReadyKey, defaults.NotReadySeconds), (UnreachableKey, defaults.UnreachableSeconds) })
        {
            if (!spec.Tolerations.Any(t => Covers(t, key)))
            {
                spec.Tolerations.Add(new V1Toleration
                {
                    Key = key,
                    OperatorProperty = "Exists",
                    Effect = "NoExecute",
                    TolerationSeconds = seconds,
                });
            }
        }
    }

    // An empty key or effect is a wildcard, so such a toleration already covers the taint.
    private static bool Covers(V1Toleration toleration, string key) =>
        (string.IsNullOrEmpty(toleration.Key) || toleration.Key == key)
        && (string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == "NoExecute");
}
