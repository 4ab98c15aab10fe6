using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Scheduling;

/// <summary>A score plugin and how much its 0..100 counts in the total.</summary>
public sealed record WeightedScorePlugin(IScorePlugin Plugin, long Weight);

/// <summary>
/// Which plugins run, in which order, with which weights: the one place a plugin is added. The defaults follow
/// kube-scheduler's default profile (filter order, score weights) for the plugins implemented here.
/// </summary>
/// <param name="PercentageOfNodesToScore">
/// Stop filtering once this share of the nodes is found feasible (at least 100 nodes); 0 is Kubernetes'
/// adaptive default (50% minus 1% per 125 nodes, at least 5%), 100 searches every node.
/// </param>
public sealed record SchedulerProfile(
    IReadOnlyList<IFilterPlugin> Filters,
    IReadOnlyList<WeightedScorePlugin> Scores,
    int PercentageOfNodesToScore = 0)
{
    public static SchedulerProfile Default { get; } = new(
        [
            new NodeUnschedulableFilter(),
            new NodeNameFilter(),
            new NodeReadyFilter(),
            new TaintTolerationFilter(),
            new NodeAffinityFilter(),
            new NodeResourcesFitFilter(),
            new InterPodAntiAffinityFilter(),
        ],
        [
            new(new TaintTolerationScore(), 3),
            new(new NodeAffinityScore(), 2),
            new(new LeastAllocatedScore(), 1),
            new(new SelectorSpreadScore(), 2),
            new(new InterPodAntiAffinityScore(), 2),
        ]);

    /// <summary>How many feasible nodes are enough before scoring, for a cluster of <paramref name="allNodes"/>.</summary>
    public int FeasibleNodesToFind(int allNodes)
    {
        const int minFeasibleNodes = 100;
        const int minPercentage = 5;
        if (allNodes < minFeasibleNodes || PercentageOfNodesToScore >= 100)
        {
            return allNodes;
        }

        var percentage = PercentageOfNodesToScore > 0
            ? PercentageOfNodesToScore
            : Math.Max(minPercentage, 50 - (allNodes / 125));
        return Math.Max(minFeasibleNodes, allNodes * percentage / 100);
    }
}
