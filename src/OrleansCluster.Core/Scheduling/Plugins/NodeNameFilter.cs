namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>A pod naming a node in <c>spec.nodeName</c> fits only that node.</summary>
public sealed class NodeNameFilter : IFilterPlugin
{
    public const string Name = "NodeName";
    public const string ErrReason = "node(s) didn't match the requested node name";

    private static readonly FilterStatus Failed = FilterStatus.Unresolvable(ErrReason);

    string IFilterPlugin.Name => Name;

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state) =>
        pod.Pod.Spec?.NodeName is { Length: > 0 } wanted && wanted != node.Name ? Failed : null;
}
