namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// The <c>tolerationSeconds</c> that <see cref="DefaultTolerations"/> gives a new pod for the not-ready and the
/// unreachable taint: how long its pods stay bound to a node that stopped answering. Kubernetes defaults both to
/// <see cref="KubernetesSeconds"/> (<c>--default-not-ready-toleration-seconds</c>,
/// <c>--default-unreachable-toleration-seconds</c>); here they default to <see cref="DefaultSeconds"/>, so the pods
/// of a dead node come back elsewhere within seconds.
/// </summary>
public sealed record TolerationDefaults(long NotReadySeconds, long UnreachableSeconds)
{
    public const long DefaultSeconds = 5;
    public const long KubernetesSeconds = 300;

    public static TolerationDefaults Default { get; } = new(DefaultSeconds, DefaultSeconds);
}
