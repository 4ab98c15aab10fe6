namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>A cordoned node (<c>spec.unschedulable</c>) takes only pods tolerating its unschedulable taint.</summary>
public sealed class NodeUnschedulableFilter : IFilterPlugin
{
    public const string Name = "NodeUnschedulable";
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";
    public const string TaintKey = "node.kubernetes.io/unschedulable";

    private static readonly FilterStatus Failed = FilterStatus.Unresolvable(ErrReasonUnschedulable);

    string IFilterPlugin.Name => Name;

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state) =>
        node.Unschedulable && !Tolerations.Tolerates(pod.Tolerations, TaintKey, null, Tolerations.NoSchedule) ? Failed : null;
}
