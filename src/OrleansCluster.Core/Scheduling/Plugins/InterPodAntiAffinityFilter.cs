namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// Required pod anti-affinity, both ways: the pod may not join a topology domain (by default the node, through
/// <c>kubernetes.io/hostname</c>) holding a pod its terms select, and may not join one where a pod already
/// there has a term selecting it. A node without the term's topology label is not constrained by that term.
/// </summary>
public sealed class InterPodAntiAffinityFilter : IFilterPlugin
{
    public const string Name = "InterPodAffinity";
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";

    private static readonly FilterStatus Incoming = FilterStatus.Unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    private static readonly FilterStatus Existing = FilterStatus.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);

    string IFilterPlugin.Name => Name;

    public object? PreFilter(PodInfo pod, ClusterSnapshot snapshot)
    {
        // Domains closed to the pod, as "key\0value": by existing pods' terms, and by its own terms whose
        // topology is wider than a node (a hostname term is checked on the node itself, which is cheaper).
        HashSet<string>? blockedByExisting = null, blockedByOwn = null;
        if (pod.RequiredAntiAffinity.Length == 0 && !snapshot.HasRequiredAntiAffinity)
        {
            return null;
        }

        foreach (var node in snapshot.Nodes)
        {
            var repelling = node.PodsWithRequiredAntiAffinity;
            for (var i = 0; i < repelling.Count; i++)
            {
                var other = repelling[i];
                foreach (var term in other.RequiredAntiAffinity)
                {
                    if (node.Labels.TryGetValue(term.TopologyKey, out var value) && term.Matches(pod))
                    {
                        (blockedByExisting ??= new(StringComparer.Ordinal)).Add(term.TopologyKey + "\0" + value);
                    }
                }
            }

            foreach (var term in pod.RequiredAntiAffinity)
            {
                if (!term.IsHostname && node.Labels.TryGetValue(term.TopologyKey, out var value) && term.CountOn(node) > 0)
                {
                    (blockedByOwn ??= new(StringComparer.Ordinal)).Add(term.TopologyKey + "\0" + value);
                }
            }
        }

        return blockedByExisting is null && blockedByOwn is null && pod.RequiredAntiAffinity.Length == 0
            ? null
            : new State(blockedByExisting, blockedByOwn);
    }

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state)
    {
        if (state is not State blocked)
        {
            return null;
        }

        foreach (var term in pod.RequiredAntiAffinity)
        {
            if (!node.Labels.TryGetValue(term.TopologyKey, out var value))
            {
                continue;
            }

            var violated = term.IsHostname ? term.CountOn(node) > 0 : blocked.Own?.Contains(term.TopologyKey + "\0" + value) == true;
            if (violated)
            {
                return Incoming;
            }
        }

        if (blocked.Existing is { } existing)
        {
            foreach (var (key, value) in node.Labels)
            {
                if (existing.Contains(key + "\0" + value))
                {
                    return Existing;
                }
            }
        }

        return null;
    }

    private sealed record State(HashSet<string>? Existing, HashSet<string>? Own);
}
