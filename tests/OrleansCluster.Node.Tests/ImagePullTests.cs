using OrleansCluster.Core.NodeAgent;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class ImagePullTests(NodeCluster cluster)
{
    private const string Missing = "registry.example.invalid/nothing:1";

    [Fact]
    public async Task A_failed_pull_is_ErrImagePull_then_ImagePullBackOff_with_the_engines_message()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("nopull", TestNode.Container("main", "sleep 3600"));
        pod.Spec.Containers[0].Image = Missing;
        pod.Spec.Containers[0].ImagePullPolicy = "IfNotPresent";
        pod.Metadata.Annotations = new Dictionary<string, string> { [RestartBackoff.InitialAnnotation] = "1" };
        await cluster.Client.Pods.CreateAsync(pod);

        var failed = (await cluster.PodAsync("nopull", p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting?.Reason == "ErrImagePull"))!;
        var message = failed.Status.ContainerStatuses.Single().State.Waiting.Message;
        Assert.Contains("registry.example.invalid", message, StringComparison.Ordinal);
        Assert.Equal("Pending", failed.Status.Phase);

        var backOff = (await cluster.PodAsync("nopull", p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting?.Reason == "ImagePullBackOff"))!;
        Assert.StartsWith($"Back-off pulling image \"{Missing}\": ", backOff.Status.ContainerStatuses.Single().State.Waiting.Message, StringComparison.Ordinal);

        var events = await cluster.EventsAsync("nopull");
        Assert.Contains(events, e => e.Reason == "Pulling" && e.Message == $"Pulling image \"{Missing}\"");
        Assert.Contains(events, e => e.Reason == "Failed" && e.Type == "Warning" && e.Message.StartsWith($"Failed to pull image \"{Missing}\": ", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "Failed" && e.Message == "Error: ErrImagePull");
    }

    [Fact]
    public async Task A_missing_image_with_pull_policy_Never_is_ErrImageNeverPull()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("neverpull", TestNode.Container("main", "sleep 3600"));
        pod.Spec.Containers[0].Image = Missing;
        await cluster.Client.Pods.CreateAsync(pod);

        var waiting = (await cluster.PodAsync("neverpull", p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting?.Reason == "ErrImageNeverPull"))!;
        Assert.Equal($"Container image \"{Missing}\" is not present with pull policy of Never",
            waiting.Status.ContainerStatuses.Single().State.Waiting.Message);
    }
}
