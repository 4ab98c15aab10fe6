using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Client.Events;

namespace OrleansCluster.Node.Agent;

/// <summary>The events kubelet records about a pod, in its words (pkg/kubelet/events and kuberuntime).</summary>
public sealed partial class PodEvents(EventRecorder recorder, ILogger logger)
{
    public Task Pulling(V1Pod pod, string image) => Normal(pod, "Pulling", $"Pulling image \"{image}\"");

    public Task Pulled(V1Pod pod, string image, TimeSpan took, long size) => Normal(pod, "Pulled",
        $"Successfully pulled image \"{image}\" in {Seconds(took)} ({Seconds(took)} including waiting). Image size: {size} bytes.");

    public Task AlreadyPresent(V1Pod pod, string image) => Normal(pod, "Pulled", $"Container image \"{image}\" already present on machine");

    public async Task PullFailed(V1Pod pod, string image, string error)
    {
        await Warning(pod, "Failed", $"Failed to pull image \"{image}\": {error}");
        await Warning(pod, "Failed", "Error: ErrImagePull");
    }

    public async Task PullBackOff(V1Pod pod, string image)
    {
        await Normal(pod, "BackOff", $"Back-off pulling image \"{image}\"");
        await Warning(pod, "Failed", "Error: ImagePullBackOff");
    }

    public async Task NeverPull(V1Pod pod, string message)
    {
        await Warning(pod, "ErrImageNeverPull", message);
        await Warning(pod, "Failed", "Error: ErrImageNeverPull");
    }

    public Task Created(V1Pod pod, string container) => Normal(pod, "Created", $"Created container: {container}");

    public Task Started(V1Pod pod, string container) => Normal(pod, "Started", $"Started container {container}");

    public Task StartFailed(V1Pod pod, string error) => Warning(pod, "Failed", $"Error: {error}");

    public Task Killing(V1Pod pod, string container) => Normal(pod, "Killing", $"Stopping container {container}");

    public Task CrashLoop(V1Pod pod, string container) =>
        Warning(pod, "BackOff", $"Back-off restarting failed container {container} in pod {pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})");

    private Task Normal(V1Pod pod, string reason, string message) => RecordAsync(pod, EventRecorder.Normal, reason, message);

    private Task Warning(V1Pod pod, string reason, string message) => RecordAsync(pod, EventRecorder.Warning, reason, message);

    /// <summary>Events are best effort, as in Kubernetes: a failed write is logged and the pass goes on.</summary>
    private async Task RecordAsync(V1Pod pod, string type, string reason, string message)
    {
        try
        {
            await recorder.RecordAsync(pod, type, reason, message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEventFailed(logger, reason, pod.Metadata.NamespaceProperty, pod.Metadata.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record event {Reason} about pod {Namespace}/{Name}")]
    private static partial void LogEventFailed(ILogger logger, string reason, string @namespace, string name, Exception exception);

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s";
}
