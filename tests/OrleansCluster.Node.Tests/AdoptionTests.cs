using OrleansCluster.Abstractions;
using OrleansCluster.Runtime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class AdoptionTests(NodeCluster cluster)
{
    [Fact]
    public async Task A_restarted_agent_adopts_running_containers_without_restarting_them()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("adopted", TestNode.Container("main", "exec sleep 3600")));
        var before = (await cluster.PodAsync("adopted", p => p?.Status?.Phase == "Running"))!.Status.ContainerStatuses.Single();

        await node.StopAgentAsync();
        await node.StartAgentAsync();
        // The new agent's resync passes over the pod (its first pass comes from the initial list).
        await Eventually.True(() => Task.FromResult(node.Service.PassesCompleted >= 2), TimeSpan.FromSeconds(20), "new agent passed over the pod");

        var after = (await cluster.Client.Pods.GetAsync("adopted", "default"))!.Status.ContainerStatuses.Single();
        Assert.Equal(before.ContainerID, after.ContainerID);
        Assert.Equal(0, after.RestartCount);
        Assert.Equal(before.State.Running.StartedAt, after.State.Running.StartedAt);
        var containers = await node.Runtime.ListContainersAsync();
        Assert.Equal(ContainerState.Running, Assert.Single(containers).State);
        Assert.Single(await node.Runtime.ListSandboxesAsync());
    }

    [Fact]
    public async Task Containers_of_a_pod_deleted_while_the_agent_was_down_are_removed()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("gone", TestNode.Container("main", "exec sleep 3600")));
        await cluster.PodAsync("gone", p => p?.Status?.Phase == "Running");

        await node.StopAgentAsync();
        await cluster.Client.Pods.DeleteAsync("gone", "default", new DeleteRequest { GracePeriodSeconds = 0 });
        Assert.Single(await node.Runtime.ListContainersAsync());
        await node.StartAgentAsync();

        await Eventually.Until(async () => (await node.Runtime.ListContainersAsync()).Count + (await node.Runtime.ListSandboxesAsync()).Count,
            n => n == 0, TimeSpan.FromSeconds(20), "orphaned containers removed");
    }

    [Fact]
    public async Task A_node_back_after_its_pod_was_replaced_elsewhere_removes_the_old_containers()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("replaced", TestNode.Container("main", "exec sleep 3600")));
        var old = await cluster.PodAsync("replaced", p => p?.Status?.Phase == "Running");

        // While the node is away its pod is evicted and a pod of the same name (a new uid) runs on another node.
        await node.StopAgentAsync();
        await cluster.Client.Pods.DeleteAsync("replaced", "default", new DeleteRequest { GracePeriodSeconds = 0 });
        var replacement = node.Pod("replaced", TestNode.Container("main", "exec sleep 3600"));
        replacement.Spec.NodeName = $"{node.Name}-elsewhere";
        var created = await cluster.Client.Pods.CreateAsync(replacement);
        Assert.NotEqual(old!.Metadata.Uid, created.Metadata.Uid);
        await node.StartAgentAsync();

        await Eventually.Until(async () => (await node.Runtime.ListContainersAsync()).Count + (await node.Runtime.ListSandboxesAsync()).Count,
            n => n == 0, TimeSpan.FromSeconds(20), "the replaced pod's containers removed");
        var kept = await cluster.Client.Pods.GetAsync("replaced", "default");
        Assert.Equal((created.Metadata.Uid, $"{node.Name}-elsewhere"), (kept!.Metadata.Uid, kept.Spec.NodeName));
        await cluster.Client.Pods.DeleteAsync("replaced", "default", new DeleteRequest { GracePeriodSeconds = 0 });
    }

    [Fact]
    public async Task Containers_of_an_unknown_pod_are_removed_as_orphans()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await node.StopAgentAsync();
        var ghost = new PodRef("default", "ghost", Guid.NewGuid().ToString());
        var sandbox = await node.Runtime.RunSandboxAsync(new SandboxSpec(ghost));
        var id = await node.Runtime.CreateContainerAsync(sandbox, new ContainerSpec("main", NodeCluster.Image) { Command = ["sleep", "3600"] });
        await node.Runtime.StartContainerAsync(id);
        await node.StartAgentAsync();

        await Eventually.True(async () => await node.Runtime.InspectContainerAsync(id) is null && await node.Runtime.InspectSandboxAsync(sandbox.Id) is null,
            TimeSpan.FromSeconds(20), "orphan sandbox and container removed");
    }
}
