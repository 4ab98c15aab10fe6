namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// A score: how good is this feasible node for this pod? Raw scores of all feasible nodes are then normalized
/// to 0..100 together, multiplied by the plugin's weight and summed; the highest total wins.
/// </summary>
public interface IScorePlugin
{
    /// <summary>The plugin's name, Kubernetes' where it has one.</summary>
    string Name { get; }

    /// <summary>Work done once per pod before the feasible nodes are scored; passed to every <see cref="Score"/>.</summary>
    object? PreScore(PodInfo pod, ClusterSnapshot snapshot) => null;

    long Score(PodInfo pod, NodeInfo node, object? state);

    /// <summary>Rewrites the raw scores of all feasible nodes, in place, to 0..100.</summary>
    void Normalize(Span<long> scores);
}
