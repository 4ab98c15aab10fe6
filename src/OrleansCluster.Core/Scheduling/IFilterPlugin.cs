namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// A filter: can this node run this pod? Filters run in registry order and a node's first failing filter
/// is its reason, as in Kubernetes. Must be pure and cheap: it runs for up to every node for every pod.
/// </summary>
public interface IFilterPlugin
{
    /// <summary>The plugin's name, Kubernetes' where it has one.</summary>
    string Name { get; }

    /// <summary>Work done once per pod before the nodes are filtered; its result is passed to every <see cref="Filter"/>.</summary>
    object? PreFilter(PodInfo pod, ClusterSnapshot snapshot) => null;

    /// <summary>Null when the node fits, otherwise why not.</summary>
    FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state);
}
