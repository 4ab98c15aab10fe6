using k8s.Models;
using OrleansCluster.Api.Events;
using OrleansCluster.Core.NodeAgent;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// The events kubelet records about a pod, in its words (pkg/kubelet/events and kuberuntime). They are posted to a
/// queue written in order beside the agent's work, so a pod's start never waits for its events.
/// </summary>
public sealed class PodEvents(EventQueue queue)
{
    public void Pulling(V1Pod pod, string image) => Normal(pod, "Pulling", $"Pulling image \"{image}\"");

    public void Pulled(V1Pod pod, string image, TimeSpan took, long size) => Normal(pod, "Pulled",
        $"Successfully pulled image \"{image}\" in {Seconds(took)} ({Seconds(took)} including waiting). Image size: {size} bytes.");

    public void AlreadyPresent(V1Pod pod, string image) => Normal(pod, "Pulled", $"Container image \"{image}\" already present on machine");

    public void PullFailed(V1Pod pod, string image, string error)
    {
        Warning(pod, "Failed", $"Failed to pull image \"{image}\": {error}");
        Warning(pod, "Failed", "Error: ErrImagePull");
    }

    public void PullBackOff(V1Pod pod, string image)
    {
        Normal(pod, "BackOff", $"Back-off pulling image \"{image}\"");
        Warning(pod, "Failed", "Error: ImagePullBackOff");
    }

    public void NeverPull(V1Pod pod, string message)
    {
        Warning(pod, "ErrImageNeverPull", message);
        Warning(pod, "Failed", "Error: ErrImageNeverPull");
    }

    public void ConfigError(V1Pod pod, string message) => Warning(pod, "Failed", $"Error: {message}");

    /// <summary>What the agent does not carry out for a pod whose sandbox it starts (<see cref="PodFeatures.NotCarriedOut(V1Pod)"/>).</summary>
    public void NotCarriedOut(V1Pod pod)
    {
        foreach (var note in PodFeatures.NotCarriedOut(pod))
        {
            Warning(pod, "Unsupported", note);
        }
    }

    /// <summary>What the agent does not carry out for a container it starts (<see cref="PodFeatures.NotCarriedOut(V1Container)"/>).</summary>
    public void NotCarriedOut(V1Pod pod, V1Container container)
    {
        foreach (var note in PodFeatures.NotCarriedOut(container))
        {
            Warning(pod, "Unsupported", $"container {container.Name}: {note}");
        }
    }

    public void Created(V1Pod pod, string container) => Normal(pod, "Created", $"Created container: {container}");

    public void Started(V1Pod pod, string container) => Normal(pod, "Started", $"Started container {container}");

    public void StartFailed(V1Pod pod, string error) => Warning(pod, "Failed", $"Error: {error}");

    public void Killing(V1Pod pod, string container) => Normal(pod, "Killing", $"Stopping container {container}");

    public void CrashLoop(V1Pod pod, string container) =>
        Warning(pod, "BackOff", $"Back-off restarting failed container {container} in pod {pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})");

    private void Normal(V1Pod pod, string reason, string message) => queue.Post(pod, EventRecorder.Normal, reason, message);

    private void Warning(V1Pod pod, string reason, string message) => queue.Post(pod, EventRecorder.Warning, reason, message);

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s";
}
