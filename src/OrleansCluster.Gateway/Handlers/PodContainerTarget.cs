using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// What <c>pods/{name}/log</c> and <c>pods/{name}/exec</c> reach: one container of the pod, on the node API of the
/// pod's node (InternalIP + <c>daemonEndpoints.kubeletEndpoint.Port</c>). Refusals are the API server's.
/// </summary>
internal sealed record PodContainerTarget(V1Pod Pod, string Container, string NodeName, Uri NodeApi)
{
    public static async Task<PodContainerTarget> ResolveAsync(ApiRequest request)
    {
        var json = await request.Object(request.Name).Get() ?? throw ApiException.NotFound("pods", request.Name);
        var pod = KubernetesJson.Deserialize<V1Pod>(json);
        var container = Choose(pod, request.Http.Query["container"].ToString());
        var nodeName = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(nodeName))
        {
            throw WaitingToStart(pod, container, "ContainerCreating");
        }

        // A container waiting after a run (CrashLoopBackOff) still has that run's logs on the node, as with kubelet.
        var status = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container);
        if (status?.State?.Waiting is { } waiting && status.LastState?.Terminated is null)
        {
            throw WaitingToStart(pod, container, waiting.Reason is "ErrImagePull" or "ImagePullBackOff"
                ? "image can't be pulled" : waiting.Reason ?? "ContainerCreating");
        }

        var nodeJson = await request.Grains.GetGrain<IObjectGrain>(ResourceTypes.Node.ObjectKey(null, nodeName)).Get()
            ?? throw ApiException.NotFound("nodes", nodeName);
        return new PodContainerTarget(pod, container, nodeName, NodeApiOf(KubernetesJson.Deserialize<V1Node>(nodeJson)));
    }

    /// <summary>The API server's container choice: the only one when none is named, otherwise one the pod has.</summary>
    public static string Choose(V1Pod pod, string container)
    {
        var names = (pod.Spec?.InitContainers ?? []).Select(c => c.Name)
            .Concat((pod.Spec?.Containers ?? []).Select(c => c.Name)).ToList();
        if (container.Length > 0)
        {
            return names.Contains(container, StringComparer.Ordinal)
                ? container
                : throw BadRequest($"container {container} is not valid for pod {pod.Name()}");
        }

        return pod.Spec?.Containers is [var only]
            ? only.Name
            : throw BadRequest($"a container name must be specified for pod {pod.Name()}, choose one of: [{string.Join(' ', names)}]");
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    private static ApiException WaitingToStart(V1Pod pod, string container, string why) =>
        BadRequest($"container \"{container}\" in pod \"{pod.Name()}\" is waiting to start: {why}");

    private static Uri NodeApiOf(V1Node node)
    {
        var address = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        var port = node.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        if (string.IsNullOrEmpty(address) || port <= 0)
        {
            throw new ApiException(500, "InternalError",
                $"node \"{node.Name()}\" publishes no InternalIP address and kubelet port to reach its node API");
        }

        return new UriBuilder("http", address, port).Uri;
    }
}
