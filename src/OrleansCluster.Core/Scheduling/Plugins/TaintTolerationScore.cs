namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>Fewer PreferNoSchedule taints the pod does not tolerate score higher: the node with none gets 100.</summary>
public sealed class TaintTolerationScore : IScorePlugin
{
    public const string Name = "TaintToleration";

    string IScorePlugin.Name => Name;

    public long Score(PodInfo pod, NodeInfo node, object? state)
    {
        long intolerable = 0;
        foreach (var taint in node.Taints)
        {
            if (taint.Effect == Tolerations.PreferNoSchedule && !Tolerations.Tolerates(pod.Tolerations, taint))
            {
                intolerable++;
            }
        }

        return intolerable;
    }

    public void Normalize(Span<long> scores) => ScoreNormalization.ByMax(scores, reverse: true);
}
