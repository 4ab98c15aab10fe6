namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// A node must report Ready=True and no NetworkUnavailable=True. Kubernetes expresses these conditions as
/// NoSchedule taints (not-ready, unreachable when Ready is Unknown, network-unavailable), so a pod tolerating
/// the taint may still go there, and the reason is the same untolerated-taint text a Kubernetes user sees.
/// </summary>
public sealed class NodeReadyFilter : IFilterPlugin
{
    public const string Name = "NodeReady";
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string NetworkUnavailableTaint = "node.kubernetes.io/network-unavailable";

    private static readonly FilterStatus NotReady = FilterStatus.Unresolvable(TaintTolerationFilter.UntoleratedReason(NotReadyTaint, null));
    private static readonly FilterStatus Unreachable = FilterStatus.Unresolvable(TaintTolerationFilter.UntoleratedReason(UnreachableTaint, null));
    private static readonly FilterStatus NetworkUnavailable = FilterStatus.Unresolvable(TaintTolerationFilter.UntoleratedReason(NetworkUnavailableTaint, null));

    string IFilterPlugin.Name => Name;

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state)
    {
        if (node.ReadyStatus != "True")
        {
            var (key, failed) = node.ReadyStatus == "Unknown" ? (UnreachableTaint, Unreachable) : (NotReadyTaint, NotReady);
            if (!Tolerations.Tolerates(pod.Tolerations, key, null, Tolerations.NoSchedule))
            {
                return failed;
            }
        }

        return node.NetworkUnavailable && !Tolerations.Tolerates(pod.Tolerations, NetworkUnavailableTaint, null, Tolerations.NoSchedule)
            ? NetworkUnavailable
            : null;
    }
}
