using System.Globalization;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// Kubernetes' unschedulable message: the nodes per failing reason, then what preemption would make of it, e.g.
/// <c>0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.
/// preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not
/// helpful for scheduling.</c> Entries are "count reason" strings sorted as text, as Kubernetes sorts them.
/// </summary>
public static class FitError
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoPreemptionVictims = "No preemption victims found for incoming pod";
    public const string PreemptionPolicyNever = "not eligible due to preemptionPolicy=Never.";

    /// <summary>
    /// This scheduler does not preempt, so a node whose failure eviction could fix reads as having no victims
    /// (what Kubernetes says when no pod of lower priority is there), and any other node as not helped.
    /// </summary>
    public static string Message(int allNodes, IReadOnlyDictionary<string, int> reasons, int resolvableNodes, string? preemptionPolicy)
    {
        var text = $"{Available(allNodes)}: {Histogram(reasons)}.";
        if (preemptionPolicy == "Never")
        {
            return $"{text} preemption: {PreemptionPolicyNever}";
        }

        var preemption = new Dictionary<string, int>(StringComparer.Ordinal);
        if (resolvableNodes > 0)
        {
            preemption[NoPreemptionVictims] = resolvableNodes;
        }

        if (allNodes - resolvableNodes > 0)
        {
            preemption[PreemptionNotHelpful] = allNodes - resolvableNodes;
        }

        return $"{text} preemption: {Available(allNodes)}: {Histogram(preemption)}.";
    }

    private static string Available(int allNodes) => string.Create(CultureInfo.InvariantCulture, $"0/{allNodes} nodes are available");

    private static string Histogram(IReadOnlyDictionary<string, int> reasons) =>
        string.Join(", ", reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}")).Order(StringComparer.Ordinal));
}
