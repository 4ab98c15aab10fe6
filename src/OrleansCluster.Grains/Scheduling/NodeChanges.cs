using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// Kubernetes' queueing hint for node updates: only a change a filter reads can make a parked pod fit
/// (heartbeats, which only move condition times, are most node updates and change nothing here).
/// </summary>
internal static class NodeChanges
{
    public static bool MayHelp(NodeInfo old, NodeInfo updated) =>
        old.Unschedulable != updated.Unschedulable
        || old.ReadyStatus != updated.ReadyStatus
        || old.NetworkUnavailable != updated.NetworkUnavailable
        || old.AllowedPods != updated.AllowedPods
        || !old.Allocatable.SameAs(updated.Allocatable)
        || !SameLabels(old.Labels, updated.Labels)
        || !old.Taints.Select(t => (t.Key, t.Value, t.Effect)).SequenceEqual(updated.Taints.Select(t => (t.Key, t.Value, t.Effect)));

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(l => b.TryGetValue(l.Key, out var v) && v == l.Value);
}
