namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// Preferred pod anti-affinity: each pod in the node's topology domain that a preferred term selects costs
/// the term's weight; scores are then mapped so the least crowded node gets 100 and the most crowded 0.
/// </summary>
public sealed class InterPodAntiAffinityScore : IScorePlugin
{
    public const string Name = "InterPodAffinity";

    string IScorePlugin.Name => Name;

    public object? PreScore(PodInfo pod, ClusterSnapshot snapshot)
    {
        // Terms wider than a node need counts per domain, gathered once; hostname terms count on the node.
        Dictionary<string, long>? perDomain = null;
        for (var i = 0; i < pod.PreferredAntiAffinity.Length; i++)
        {
            var term = pod.PreferredAntiAffinity[i];
            if (term.IsHostname)
            {
                continue;
            }

            perDomain ??= new(StringComparer.Ordinal);
            foreach (var node in snapshot.Nodes)
            {
                if (node.Labels.TryGetValue(term.TopologyKey, out var value))
                {
                    var key = DomainKey(i, value);
                    perDomain[key] = perDomain.GetValueOrDefault(key) + ((long)term.Weight * term.CountOn(node));
                }
            }
        }

        return perDomain;
    }

    public long Score(PodInfo pod, NodeInfo node, object? state)
    {
        long penalty = 0;
        var perDomain = state as Dictionary<string, long>;
        for (var i = 0; i < pod.PreferredAntiAffinity.Length; i++)
        {
            var term = pod.PreferredAntiAffinity[i];
            if (term.IsHostname)
            {
                penalty += node.Labels.ContainsKey(term.TopologyKey) ? (long)term.Weight * term.CountOn(node) : 0;
            }
            else if (node.Labels.TryGetValue(term.TopologyKey, out var value))
            {
                penalty += perDomain?.GetValueOrDefault(DomainKey(i, value)) ?? 0;
            }
        }

        return -penalty;
    }

    public void Normalize(Span<long> scores) => ScoreNormalization.ByRange(scores);

    // Per term, since two terms may share a topology key with different selectors and weights.
    private static string DomainKey(int term, string value) => term.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0" + value;
}
