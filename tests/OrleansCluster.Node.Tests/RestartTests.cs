using System.Diagnostics;
using k8s.Models;
using OrleansCluster.Core.NodeAgent;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class RestartTests(NodeCluster cluster)
{
    [Fact]
    public async Task Always_restarts_a_crashing_container_with_growing_back_off()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("crasher", TestNode.Container("main", "echo crashing; exit 3"));
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            [RestartBackoff.InitialAnnotation] = "1",
            [RestartBackoff.MaxAnnotation] = "2",
        };
        var clock = Stopwatch.StartNew();
        await cluster.Client.Pods.CreateAsync(pod);

        var backingOff = await cluster.PodAsync("crasher", p => p?.Status?.ContainerStatuses?.SingleOrDefault() is
            { State.Waiting.Reason: "CrashLoopBackOff", LastState.Terminated: not null });
        var waiting = backingOff!.Status.ContainerStatuses.Single();
        Assert.Equal(3, waiting.LastState.Terminated.ExitCode);
        Assert.Equal("Error", waiting.LastState.Terminated.Reason);
        Assert.StartsWith("back-off ", waiting.State.Waiting.Message, StringComparison.Ordinal);
        Assert.Equal("Running", backingOff.Status.Phase);

        // Starts at 0 s, then after 1 s, 2 s, 2 s of back-off: restart 3 cannot come before about 5 s.
        await cluster.PodAsync("crasher", p => p?.Status?.ContainerStatuses?.Single().RestartCount >= 3, seconds: 40);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4.5), $"three restarts took only {clock.Elapsed}");

        var events = await cluster.EventsAsync("crasher");
        Assert.Contains(events, e => e.Reason == "BackOff" && e.Type == "Warning"
            && e.Message.StartsWith("Back-off restarting failed container main in pod crasher_default", StringComparison.Ordinal));
        Assert.True(events.Single(e => e.Reason == "Started").Count >= 3);
    }

    [Fact]
    public async Task A_container_that_cannot_start_is_a_StartError_restarted_with_back_off()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("nostart", new V1Container
        {
            Name = "main", Image = NodeCluster.Image, ImagePullPolicy = "Never", Command = ["/no/such/binary"],
        });
        pod.Metadata.Annotations = new Dictionary<string, string> { [RestartBackoff.InitialAnnotation] = "1" };
        await cluster.Client.Pods.CreateAsync(pod);

        var failing = (await cluster.PodAsync("nostart", p => p?.Status?.ContainerStatuses?.SingleOrDefault() is
            { RestartCount: >= 1, LastState.Terminated.Reason: "StartError" }))!;
        var last = failing.Status.ContainerStatuses.Single().LastState.Terminated;
        Assert.NotEqual(0, last.ExitCode);
        Assert.Contains("/no/such/binary", last.Message, StringComparison.Ordinal);
        Assert.Contains(await cluster.EventsAsync("nostart"), e => e.Reason == "Failed" && e.Type == "Warning"
            && e.Message.StartsWith("Error: ", StringComparison.Ordinal) && e.Message.Contains("/no/such/binary", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Never", "exit 2", "Failed", 2)]
    [InlineData("Never", "exit 0", "Succeeded", 0)]
    [InlineData("OnFailure", "exit 0", "Succeeded", 0)]
    public async Task Pods_that_do_not_restart_end_in_their_phase(string policy, string script, string phase, int exitCode)
    {
        await using var node = await TestNode.StartAsync(cluster);
        var name = $"ends-{policy.ToLowerInvariant()}-{exitCode}";
        var pod = node.Pod(name, TestNode.Container("main", script));
        pod.Spec.RestartPolicy = policy;
        await cluster.Client.Pods.CreateAsync(pod);

        var ended = (await cluster.PodAsync(name, p => p?.Status?.Phase is "Succeeded" or "Failed"))!;
        Assert.Equal(phase, ended.Status.Phase);
        var container = ended.Status.ContainerStatuses.Single();
        Assert.Equal(exitCode, container.State.Terminated.ExitCode);
        Assert.Equal(exitCode == 0 ? "Completed" : "Error", container.State.Terminated.Reason);
        Assert.Equal(0, container.RestartCount);
        Assert.Equal("False", ended.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("PodCompleted", ended.Status.Conditions.Single(c => c.Type == "Ready").Reason);
    }

    [Fact]
    public async Task An_exit_is_noticed_within_seconds_without_waiting_for_the_resync()
    {
        await using var node = await TestNode.StartAsync(cluster, o => o.ResyncInterval = TimeSpan.FromMinutes(5));
        var pod = node.Pod("quick-exit", TestNode.Container("main", "sleep 2; exit 4"));
        pod.Spec.RestartPolicy = "Never";
        await cluster.Client.Pods.CreateAsync(pod);
        await cluster.PodAsync("quick-exit", p => p?.Status?.Phase == "Running");

        var clock = Stopwatch.StartNew();
        var failed = (await cluster.PodAsync("quick-exit", p => p?.Status?.Phase == "Failed"))!;
        Assert.Equal(4, failed.Status.ContainerStatuses.Single().State.Terminated.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the exit was reported after {clock.Elapsed}");
    }

    [Fact]
    public async Task OnFailure_restarts_a_failing_container()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var pod = node.Pod("onfailure", TestNode.Container("main", "exit 1"));
        pod.Spec.RestartPolicy = "OnFailure";
        pod.Metadata.Annotations = new Dictionary<string, string> { [RestartBackoff.InitialAnnotation] = "1" };
        await cluster.Client.Pods.CreateAsync(pod);

        var restarted = (await cluster.PodAsync("onfailure", p => p?.Status?.ContainerStatuses?.Single().RestartCount >= 1))!;
        Assert.NotEqual("Failed", restarted.Status.Phase);
    }
}
