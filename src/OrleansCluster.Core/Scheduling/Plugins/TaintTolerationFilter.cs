namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>Every NoSchedule and NoExecute taint of the node must be tolerated; the first one that is not is the reason.</summary>
public sealed class TaintTolerationFilter : IFilterPlugin
{
    public const string Name = "TaintToleration";

    string IFilterPlugin.Name => Name;

    /// <summary>Kubernetes' text, e.g. <c>node(s) had untolerated taint {dedicated: gpu}</c>.</summary>
    public static string UntoleratedReason(string key, string? value) => $"node(s) had untolerated taint {{{key}: {value}}}";

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state)
    {
        foreach (var taint in node.Taints)
        {
            if (taint.Effect is Tolerations.NoSchedule or Tolerations.NoExecute && !Tolerations.Tolerates(pod.Tolerations, taint))
            {
                return FilterStatus.Unresolvable(UntoleratedReason(taint.Key, taint.Value));
            }
        }

        return null;
    }
}
