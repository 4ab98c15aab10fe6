using System.Collections.Concurrent;

namespace OrleansCluster.Runtime;

/// <summary>
/// The runtimes of the nodes this process hosts, by node name: one for a node silo on Docker, hundreds for a process of
/// simulated nodes. The node agents add theirs; the node's HTTP API (logs, exec) finds a pod's runtime here.
/// </summary>
public sealed class NodeRuntimes
{
    private readonly ConcurrentDictionary<string, IContainerRuntime> byNode = new(StringComparer.Ordinal);

    public void Add(IContainerRuntime runtime)
    {
        if (!byNode.TryAdd(runtime.NodeName, runtime))
        {
            throw new InvalidOperationException($"node {runtime.NodeName} already has a runtime in this process");
        }
    }

    public void Remove(string nodeName) => byNode.TryRemove(nodeName, out _);

    /// <summary>The runtime of <paramref name="nodeName"/>, or null when this process does not host that node.</summary>
    public IContainerRuntime? For(string nodeName) => byNode.TryGetValue(nodeName, out var runtime) ? runtime : null;

    public IReadOnlyCollection<string> Nodes => byNode.Keys.ToList();
}
