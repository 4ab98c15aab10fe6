using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// What Kubernetes' DefaultTolerationSeconds admission adds on create: pods stay on a node that turns
/// not-ready or unreachable for five minutes before eviction, unless they already say otherwise.
/// </summary>
public static class DefaultTolerations
{
    public const string NotReadyKey = "node.kubernetes.io/not-ready";
    public const string UnreachableKey = "node.kubernetes.io/unreachable";
    public const long Seconds = 300;

    public static void Apply(V1PodSpec spec)
    {
        spec.Tolerations ??= [];
        foreach (var key in new[] { NotReadyKey, UnreachableKey })
        {
            if (!spec.Tolerations.Any(t => Covers(t, key)))
            {
                spec.Tolerations.Add(new V1Toleration
                {
                    Key = key,
                    OperatorProperty = "Exists",
                    Effect = "NoExecute",
                    TolerationSeconds = Seconds,
                });
            }
        }
    }

    // An empty key or effect is a wildcard, so such a toleration already covers the taint.
    private static bool Covers(V1Toleration toleration, string key) =>
        (string.IsNullOrEmpty(toleration.Key) || toleration.Key == key)
        && (string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == "NoExecute");
}
