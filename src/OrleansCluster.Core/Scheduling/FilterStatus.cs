namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// Why a node cannot take a pod: one or more reasons in Kubernetes' words. <see cref="Resolvable"/> says
/// whether evicting pods from the node could help (Kubernetes' Unschedulable) or not (UnschedulableAndUnresolvable);
/// it decides the preemption half of the unschedulable message. A passing node has no status (null).
/// </summary>
public sealed record FilterStatus(IReadOnlyList<string> Reasons, bool Resolvable)
{
    public static FilterStatus Unresolvable(string reason) => new([reason], Resolvable: false);

    public static FilterStatus Unschedulable(string reason) => new([reason], Resolvable: true);
}
