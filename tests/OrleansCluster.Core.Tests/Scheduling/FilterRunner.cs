using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

internal static class FilterRunner
{
    /// <summary>Runs one filter for <paramref name="pod"/> on the first node; null when it passes, else the reasons joined by "; ".</summary>
    public static string? Run(IFilterPlugin plugin, V1Pod pod, V1Node[] nodes, params V1Pod[] existing)
    {
        var snapshot = ClusterSnapshot.Create(nodes, existing);
        var info = PodInfo.Create(pod);
        var status = plugin.Filter(info, snapshot.Nodes[0], plugin.PreFilter(info, snapshot));
        return status is null ? null : string.Join("; ", status.Reasons);
    }

    public static string? Run(IFilterPlugin plugin, V1Pod pod, V1Node node, params V1Pod[] existing) =>
        Run(plugin, pod, [node], existing);
}
