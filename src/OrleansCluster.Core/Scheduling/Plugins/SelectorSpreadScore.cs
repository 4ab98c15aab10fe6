namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// Spreads pods of one workload across nodes: fewer pods with the same controller (or, without one, the same
/// labels) on a node score higher; the emptiest nodes get 100. A pod with neither scores 100 everywhere.
/// </summary>
public sealed class SelectorSpreadScore : IScorePlugin
{
    public const string Name = "SelectorSpread";

    string IScorePlugin.Name => Name;

    public long Score(PodInfo pod, NodeInfo node, object? state) =>
        pod.SpreadKey is { } key ? node.CountSpread(key) : 0;

    public void Normalize(Span<long> scores) => ScoreNormalization.ByMax(scores, reverse: true);
}
