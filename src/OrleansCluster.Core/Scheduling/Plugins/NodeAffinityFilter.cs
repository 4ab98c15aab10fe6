namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>The node must match the pod's <c>spec.nodeSelector</c> and one of its required node affinity terms.</summary>
public sealed class NodeAffinityFilter : IFilterPlugin
{
    public const string Name = "NodeAffinity";
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

    private static readonly FilterStatus Failed = FilterStatus.Unresolvable(ErrReasonPod);

    string IFilterPlugin.Name => Name;

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state)
    {
        var spec = pod.Pod.Spec;
        if (!NodeSelectorMatcher.MatchesNodeSelector(spec?.NodeSelector, node))
        {
            return Failed;
        }

        var required = spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required is null || NodeSelectorMatcher.MatchesAny(required, node) ? null : Failed;
    }
}
