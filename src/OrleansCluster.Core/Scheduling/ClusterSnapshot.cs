using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// The nodes and the pods placed on them, as one scheduling pass sees them. Pods count against a node once
/// bound (<c>spec.nodeName</c>) or nominated (<c>status.nominatedNodeName</c>); finished pods count nowhere.
/// <see cref="Assume"/> places a pod the scheduler has just chosen a node for, so a batch of pods can be
/// scheduled against one snapshot. Not thread-safe: one scheduler owns it.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly List<NodeInfo> nodes = [];
    private readonly Dictionary<string, NodeInfo> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PodInfo Pod, NodeInfo Node)> placed = new(StringComparer.Ordinal);
    private int antiAffinityPods;

    public IReadOnlyList<NodeInfo> Nodes => nodes;

    /// <summary>Whether any placed pod has a required anti-affinity term (else that filter's pre-pass is skipped).</summary>
    public bool HasRequiredAntiAffinity => antiAffinityPods > 0;

    /// <summary>Where the next pass starts looking when only a share of the nodes is searched (round robin).</summary>
    internal int NextStartIndex { get; set; }

    public static ClusterSnapshot Create(IEnumerable<V1Node> nodes, IEnumerable<V1Pod> pods)
    {
        var snapshot = new ClusterSnapshot();
        foreach (var node in nodes)
        {
            snapshot.AddNode(node);
        }

        foreach (var pod in pods)
        {
            var target = pod.Spec?.NodeName is { Length: > 0 } bound ? bound : pod.Status?.NominatedNodeName;
            if (target is { Length: > 0 } && pod.Status?.Phase is not ("Succeeded" or "Failed"))
            {
                snapshot.Assume(pod, target);
            }
        }

        return snapshot;
    }

    public NodeInfo AddNode(V1Node node)
    {
        var info = new NodeInfo(node);
        if (!byName.TryAdd(info.Name, info))
        {
            throw new ArgumentException($"node \"{info.Name}\" is already in the snapshot", nameof(node));
        }

        nodes.Add(info);
        return info;
    }

    public NodeInfo? GetNode(string name) => byName.GetValueOrDefault(name);

    /// <summary>
    /// Adds <paramref name="node"/>, or replaces the node of that name keeping the pods counted against it
    /// (a watch's MODIFIED event: an incremental update, not a rebuild).
    /// </summary>
    public NodeInfo SetNode(V1Node node)
    {
        var info = new NodeInfo(node);
        if (!byName.TryGetValue(info.Name, out var old))
        {
            byName[info.Name] = info;
            nodes.Add(info);
            return info;
        }

        nodes[nodes.IndexOf(old)] = info;
        byName[info.Name] = info;
        foreach (var pod in old.Pods)
        {
            info.Add(pod);
            placed[pod.Key] = (pod, info);
        }

        return info;
    }

    /// <summary>Removes a node; the pods counted against it are forgotten with it.</summary>
    public bool RemoveNode(string name)
    {
        if (!byName.Remove(name, out var old))
        {
            return false;
        }

        nodes.Remove(old);
        foreach (var pod in old.Pods.ToList())
        {
            Forget(pod.Key);
        }

        return true;
    }

    /// <summary>The keys of the pods counted against some node.</summary>
    public IEnumerable<string> PlacedPodKeys => placed.Keys;

    /// <summary>The node a pod (by <see cref="PodInfo.Key"/>) is counted against, or null.</summary>
    public string? PlacementOf(string podKey) => placed.TryGetValue(podKey, out var entry) ? entry.Node.Name : null;

    /// <summary>
    /// Counts <paramref name="pod"/> against <paramref name="nodeName"/> from now on (replacing any earlier
    /// placement of the same pod). Returns false, changing nothing, when the node is not in the snapshot.
    /// </summary>
    public bool Assume(V1Pod pod, string nodeName) => Assume(PodInfo.Create(pod), nodeName);

    public bool Assume(PodInfo pod, string nodeName)
    {
        if (!byName.TryGetValue(nodeName, out var node))
        {
            return false;
        }

        Forget(pod.Key);
        node.Add(pod);
        placed[pod.Key] = (pod, node);
        antiAffinityPods += pod.RequiredAntiAffinity.Length > 0 ? 1 : 0;
        return true;
    }

    /// <summary>Removes a pod (by uid, or namespace/name when it has none) from wherever it was counted.</summary>
    public bool Forget(V1Pod pod) => Forget(PodInfo.Create(pod).Key);

    /// <summary>Removes a pod by its <see cref="PodInfo.Key"/>.</summary>
    public bool Forget(string key)
    {
        if (!placed.Remove(key, out var entry))
        {
            return false;
        }

        entry.Node.Remove(entry.Pod);
        antiAffinityPods -= entry.Pod.RequiredAntiAffinity.Length > 0 ? 1 : 0;
        return true;
    }
}
