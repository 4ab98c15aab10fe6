using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansCluster.Abstractions;
using OrleansCluster.Runtime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class DeletionTests(NodeCluster cluster)
{
    [Fact]
    public async Task Graceful_deletion_sends_TERM_waits_for_the_container_and_then_removes_the_pod()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("graceful", TestNode.Container("main",
            "trap 'echo TERM-received; sleep 2; exit 0' TERM; echo started; while true; do sleep 1 & wait $!; done"));
        pod.Spec.TerminationGracePeriodSeconds = 20;
        await cluster.Client.Pods.CreateAsync(pod);
        var running = (await cluster.PodAsync("graceful", p => p?.Status?.Phase == "Running"))!;
        var id = running.Status.ContainerStatuses.Single().ContainerID["docker://".Length..];

        var lines = new ConcurrentQueue<string>();
        using var stopLogs = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var follow = Task.Run(async () =>
        {
            await foreach (var line in node.Runtime.ReadLogsAsync(id, new LogOptions { Follow = true }, stopLogs.Token))
            {
                lines.Enqueue(line.Line);
            }
        });
        await Eventually.True(() => Task.FromResult(lines.Contains("started")), TimeSpan.FromSeconds(10), "log followed");

        var clock = Stopwatch.StartNew();
        var (marked, removed) = await cluster.Client.Pods.DeleteAsync("graceful", "default");
        Assert.False(removed);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(20, marked.Metadata.DeletionGracePeriodSeconds);

        await cluster.PodAsync("graceful", p => p is null);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"removed after {clock.Elapsed}, before the TERM handler finished");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"removed only after {clock.Elapsed}");
        await follow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("TERM-received", lines);
        Assert.Null(await node.Runtime.InspectContainerAsync(id));
        Assert.Contains(await cluster.EventsAsync("graceful"), e => e.Reason == "Killing" && e.Message == "Stopping container main");
    }

    [Fact]
    public async Task A_container_ignoring_TERM_is_killed_when_the_grace_period_ends()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("stubborn", TestNode.Container("main", "exec sleep 3600"));
        pod.Spec.TerminationGracePeriodSeconds = 3;
        await cluster.Client.Pods.CreateAsync(pod);
        await cluster.PodAsync("stubborn", p => p?.Status?.Phase == "Running");

        var clock = Stopwatch.StartNew();
        await cluster.Client.Pods.DeleteAsync("stubborn", "default");
        await cluster.PodAsync("stubborn", p => p is null);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"killed after {clock.Elapsed}, before the grace period");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"removed only after {clock.Elapsed}");
        Assert.Empty(await node.Runtime.ListContainersAsync());
        Assert.Empty(await node.Runtime.ListSandboxesAsync());
    }

    [Fact]
    public async Task Forced_deletion_removes_the_object_at_once_and_the_containers_soon_after()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("forced", TestNode.Container("main", "exec sleep 3600")));
        await cluster.PodAsync("forced", p => p?.Status?.Phase == "Running");

        var (_, removed) = await cluster.Client.Pods.DeleteAsync("forced", "default", new DeleteRequest { GracePeriodSeconds = 0 });
        Assert.True(removed);
        Assert.Null(await cluster.Client.Pods.GetAsync("forced", "default"));
        await Eventually.Until(async () => (await node.Runtime.ListContainersAsync()).Count + (await node.Runtime.ListSandboxesAsync()).Count,
            n => n == 0, TimeSpan.FromSeconds(20), "containers of the forced pod removed");
    }
}
