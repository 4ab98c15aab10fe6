namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>The sum of the weights of the preferred node affinity terms the node matches, scaled so the best node has 100.</summary>
public sealed class NodeAffinityScore : IScorePlugin
{
    public const string Name = "NodeAffinity";

    string IScorePlugin.Name => Name;

    public long Score(PodInfo pod, NodeInfo node, object? state)
    {
        var preferred = pod.Pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        long total = 0;
        foreach (var term in preferred ?? [])
        {
            if (term.Weight != 0 && NodeSelectorMatcher.Matches(term.Preference, node))
            {
                total += term.Weight;
            }
        }

        return total;
    }

    public void Normalize(Span<long> scores) => ScoreNormalization.ByMax(scores, reverse: false);
}
