using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// A node and the pods bound or nominated to it, with the sums the filters and scores need kept up to date
/// as pods are added and removed, so checking a pod against a node never walks the node's pods for resources.
/// </summary>
public sealed class NodeInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private readonly List<PodInfo> pods = [];
    private readonly List<PodInfo> antiAffinityPods = [];
    private readonly Dictionary<string, int> spreadCounts = new(StringComparer.Ordinal);

    public NodeInfo(V1Node node)
    {
        Node = node;
        Name = node.Metadata?.Name ?? "";
        Labels = node.Metadata?.Labels is { } labels ? labels.AsReadOnly() : NoLabels;
        Taints = node.Spec?.Taints is { Count: > 0 } taints ? [.. taints] : [];
        Allocatable = ResourceAmounts.From(node.Status?.Allocatable);
        AllowedPods = node.Status?.Allocatable?.TryGetValue(ResourceAmounts.Pods, out var podCount) == true && podCount is not null
            ? ResourceAmounts.ToUnits(ResourceAmounts.Pods, podCount)
            : 0;
        Unschedulable = node.Spec?.Unschedulable == true;
        ReadyStatus = ConditionStatus(node, "Ready");
        NetworkUnavailable = ConditionStatus(node, "NetworkUnavailable") == "True";
    }

    public V1Node Node { get; }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public V1Taint[] Taints { get; }

    public ResourceAmounts Allocatable { get; }

    public long AllowedPods { get; }

    public bool Unschedulable { get; }

    /// <summary>The status of the Ready condition: "True", "False", "Unknown", or null when not reported.</summary>
    public string? ReadyStatus { get; }

    public bool NetworkUnavailable { get; }

    /// <summary>The sum of the requests of the pods on the node.</summary>
    public ResourceAmounts Requested { get; } = new();

    /// <summary>The same with scoring's defaults for containers that request nothing.</summary>
    public ResourceAmounts NonZeroRequested { get; } = new();

    public IReadOnlyList<PodInfo> Pods => pods;

    /// <summary>The pods on the node with a required anti-affinity term (they may repel an incoming pod).</summary>
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => antiAffinityPods;

    /// <summary>How many pods on the node share <paramref name="spreadKey"/> (see <see cref="PodInfo.SpreadKey"/>).</summary>
    public int CountSpread(string spreadKey) => spreadCounts.GetValueOrDefault(spreadKey);

    internal void Add(PodInfo pod)
    {
        pods.Add(pod);
        Requested.Add(pod.Requests);
        NonZeroRequested.Add(pod.NonZeroRequests);
        if (pod.RequiredAntiAffinity.Length > 0)
        {
            antiAffinityPods.Add(pod);
        }

        if (pod.SpreadKey is { } key)
        {
            spreadCounts[key] = spreadCounts.GetValueOrDefault(key) + 1;
        }
    }

    internal bool Remove(PodInfo pod)
    {
        if (!pods.Remove(pod))
        {
            return false;
        }

        Requested.Add(pod.Requests, -1);
        NonZeroRequested.Add(pod.NonZeroRequests, -1);
        antiAffinityPods.Remove(pod);
        if (pod.SpreadKey is { } key && --spreadCounts[key] == 0)
        {
            spreadCounts.Remove(key);
        }

        return true;
    }

    private static string? ConditionStatus(V1Node node, string type)
    {
        foreach (var condition in node.Status?.Conditions ?? [])
        {
            if (condition.Type == type)
            {
                return condition.Status;
            }
        }

        return null;
    }
}
