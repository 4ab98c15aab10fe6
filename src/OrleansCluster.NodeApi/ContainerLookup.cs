using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>
/// Finds a pod's container on a node by the labels the runtime put on it: the newest attempt, or with
/// <c>previous</c> the one before it (what kubelet keeps for <c>kubectl logs --previous</c>).
/// </summary>
public static class ContainerLookup
{
    public static async Task<ContainerSummary> FindAsync(
        NodeRuntimes runtimes, ContainerAddress address, bool previous, CancellationToken cancellationToken)
    {
        var runtime = Runtime(runtimes, address.Node);
        var labels = new Dictionary<string, string>
        {
            [RuntimeLabels.PodNamespace] = address.Namespace,
            [RuntimeLabels.PodName] = address.Pod,
            [RuntimeLabels.ContainerName] = address.Container,
        };
        if (!string.IsNullOrEmpty(address.PodUid))
        {
            labels[RuntimeLabels.PodUid] = address.PodUid;
        }

        // Newest first: a later attempt is always created after the one it replaces.
        var attempts = (await runtime.ListContainersAsync(labels, cancellationToken))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Attempt).ToList();
        if (attempts.Count == 0)
        {
            throw NodeApiException.WaitingToStart(address.Container, address.Pod);
        }

        if (!previous)
        {
            return attempts[0];
        }

        return attempts.Count > 1
            ? attempts[1]
            : throw NodeApiException.BadRequest($"previous terminated container \"{address.Container}\" in pod \"{address.Pod}\" not found");
    }

    public static IContainerRuntime Runtime(NodeRuntimes runtimes, string node) =>
        runtimes.For(node) ?? throw new NodeApiException(404, "NotFound", $"node \"{node}\" is not served here");
}

/// <summary>A container as the node API's paths name it.</summary>
public sealed record ContainerAddress(string Node, string Namespace, string Pod, string Container, string? PodUid);
