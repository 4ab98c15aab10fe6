using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// One scheduling cycle over a snapshot: filter the nodes (from where the last cycle stopped, until enough are
/// feasible), score the feasible ones, pick the best, breaking ties at random. Pure: the caller binds the pod
/// and, to schedule a batch against the same snapshot, <see cref="ClusterSnapshot.Assume(V1Pod, string)"/>s it.
/// </summary>
public static class Scheduler
{
    public static ScheduleResult Schedule(V1Pod pod, ClusterSnapshot snapshot, Random tieBreak) =>
        Schedule(pod, snapshot, tieBreak, SchedulerProfile.Default);

    public static ScheduleResult Schedule(V1Pod pod, ClusterSnapshot snapshot, Random tieBreak, SchedulerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Schedule(PodInfo.Create(pod), snapshot, tieBreak, profile);
    }

    /// <summary>The same for a pod already read (a scheduler that then assumes it reads it once).</summary>
    public static ScheduleResult Schedule(PodInfo info, ClusterSnapshot snapshot, Random tieBreak, SchedulerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(tieBreak);
        ArgumentNullException.ThrowIfNull(profile);
        var nodes = snapshot.Nodes;
        if (nodes.Count == 0)
        {
            return new Unschedulable(FitError.NoNodesAvailable, new Dictionary<string, int>());
        }

        var feasible = FindFeasible(info, snapshot, profile, out var reasons, out var resolvable);
        if (feasible.Count == 0)
        {
            var message = FitError.Message(nodes.Count, reasons, resolvable, info.Pod.Spec?.PreemptionPolicy);
            return new Unschedulable(message, reasons);
        }

        if (feasible.Count == 1)
        {
            return new Scheduled(feasible[0].Name, new Dictionary<string, long>(), 1);
        }

        return ScoreAndSelect(info, snapshot, profile, feasible, tieBreak);
    }

    private static List<NodeInfo> FindFeasible(
        PodInfo pod, ClusterSnapshot snapshot, SchedulerProfile profile, out Dictionary<string, int> reasons, out int resolvable)
    {
        var filters = profile.Filters;
        var states = new object?[filters.Count];
        for (var f = 0; f < filters.Count; f++)
        {
            states[f] = filters[f].PreFilter(pod, snapshot);
        }

        var nodes = snapshot.Nodes;
        var wanted = profile.FeasibleNodesToFind(nodes.Count);
        var start = snapshot.NextStartIndex % nodes.Count;
        var feasible = new List<NodeInfo>(Math.Min(wanted, nodes.Count));
        reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        resolvable = 0;
        var processed = 0;
        while (processed < nodes.Count && feasible.Count < wanted)
        {
            var node = nodes[(start + processed) % nodes.Count];
            processed++;
            var status = RunFilters(pod, node, filters, states);
            if (status is null)
            {
                feasible.Add(node);
                continue;
            }

            resolvable += status.Resolvable ? 1 : 0;
            foreach (var reason in status.Reasons)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        snapshot.NextStartIndex = (start + processed) % nodes.Count;
        return feasible;
    }

    // The first failing filter decides, as in Kubernetes.
    private static FilterStatus? RunFilters(PodInfo pod, NodeInfo node, IReadOnlyList<IFilterPlugin> filters, object?[] states)
    {
        for (var f = 0; f < filters.Count; f++)
        {
            if (filters[f].Filter(pod, node, states[f]) is { } status)
            {
                return status;
            }
        }

        return null;
    }

    private static Scheduled ScoreAndSelect(
        PodInfo pod, ClusterSnapshot snapshot, SchedulerProfile profile, List<NodeInfo> feasible, Random tieBreak)
    {
        var plugins = profile.Scores;
        var perPlugin = new long[plugins.Count][];
        var totals = new long[feasible.Count];
        for (var p = 0; p < plugins.Count; p++)
        {
            var (plugin, weight) = (plugins[p].Plugin, plugins[p].Weight);
            var state = plugin.PreScore(pod, snapshot);
            var scores = perPlugin[p] = new long[feasible.Count];
            for (var n = 0; n < feasible.Count; n++)
            {
                scores[n] = plugin.Score(pod, feasible[n], state);
            }

            plugin.Normalize(scores);
            for (var n = 0; n < feasible.Count; n++)
            {
                scores[n] *= weight;
                totals[n] += scores[n];
            }
        }

        // Reservoir sampling over the best: each of k tied nodes is picked with probability 1/k.
        var best = 0;
        var ties = 1;
        for (var n = 1; n < feasible.Count; n++)
        {
            if (totals[n] > totals[best])
            {
                (best, ties) = (n, 1);
            }
            else if (totals[n] == totals[best] && tieBreak.Next(++ties) == 0)
            {
                best = n;
            }
        }

        var breakdown = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var p = 0; p < plugins.Count; p++)
        {
            var name = plugins[p].Plugin.Name;
            breakdown[name] = breakdown.GetValueOrDefault(name) + perPlugin[p][best];
        }

        return new Scheduled(feasible[best].Name, breakdown, feasible.Count);
    }
}
