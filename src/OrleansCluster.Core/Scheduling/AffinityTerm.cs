using k8s.Models;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// A pod (anti-)affinity term read once: which pods it selects (label selector and namespaces) and the
/// topology key whose value groups nodes into one domain. A nil selector selects nothing, as in Kubernetes.
/// Namespaces: the listed ones, or the owner's own when none is listed and there is no namespace selector; an
/// empty namespace selector means every namespace. A non-empty namespace selector cannot be evaluated here
/// (the snapshot holds no namespace labels), so it adds nothing beyond the listed namespaces.
/// </summary>
public sealed class AffinityTerm
{
    public const string HostnameKey = "kubernetes.io/hostname";

    private readonly HashSet<string>? namespaces;

    private AffinityTerm(string topologyKey, LabelSelector selector, HashSet<string>? namespaces, int weight)
    {
        TopologyKey = topologyKey;
        Selector = selector;
        this.namespaces = namespaces;
        Weight = weight;
    }

    public string TopologyKey { get; }

    public LabelSelector Selector { get; }

    /// <summary>The weight of a preferred term; 0 for a required one.</summary>
    public int Weight { get; }

    public bool IsHostname => TopologyKey == HostnameKey;

    public static AffinityTerm Create(V1PodAffinityTerm term, string ownerNamespace, int weight = 0)
    {
        LabelSelector selector;
        try
        {
            selector = LabelSelector.FromMetav1(term.LabelSelector);
        }
        catch (SelectorParseException)
        {
            selector = LabelSelector.Nothing;
        }

        HashSet<string>? names = null;
        var allNamespaces = term.NamespaceSelector is { } ns
            && (ns.MatchLabels is null || ns.MatchLabels.Count == 0)
            && (ns.MatchExpressions is null || ns.MatchExpressions.Count == 0);
        if (!allNamespaces)
        {
            names = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
            if (names.Count == 0 && term.NamespaceSelector is null)
            {
                names.Add(ownerNamespace);
            }
        }

        return new AffinityTerm(term.TopologyKey ?? "", selector, names, weight);
    }

    public static AffinityTerm[] Required(IList<V1PodAffinityTerm>? terms, string ownerNamespace) =>
        terms is null || terms.Count == 0 ? [] : terms.Select(t => Create(t, ownerNamespace)).ToArray();

    public static AffinityTerm[] Preferred(IList<V1WeightedPodAffinityTerm>? terms, string ownerNamespace) =>
        terms is null || terms.Count == 0
            ? []
            : terms.Where(t => t.PodAffinityTerm is not null && t.Weight != 0)
                .Select(t => Create(t.PodAffinityTerm, ownerNamespace, t.Weight)).ToArray();

    public bool Matches(PodInfo pod) =>
        (namespaces is null || namespaces.Contains(pod.Namespace)) && Selector.Matches(pod.Labels);

    /// <summary>How many pods on <paramref name="node"/> this term selects.</summary>
    public int CountOn(NodeInfo node)
    {
        var count = 0;
        foreach (var pod in node.Pods)
        {
            if (Matches(pod))
            {
                count++;
            }
        }

        return count;
    }
}
