using System.Diagnostics;
using OrleansCluster.Runtime.InMemory;

namespace OrleansCluster.Runtime.Tests;

/// <summary>The fake's own promises: deterministic time, simulated exits and pull failures, and cheapness at scale.</summary>
public sealed class InMemoryRuntimeTests
{
    private const string Image = "orleanscluster/busybox:local";
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTime time = new(Start);
    private readonly InMemoryEngine engine;
    private readonly InMemoryRuntime runtime;

    public InMemoryRuntimeTests()
    {
        engine = InMemoryContractTests.NewEngine(time);
        runtime = new InMemoryRuntime(engine, "node-1");
    }

    private async Task<string> RunAsync(SimulatedProcess process, string pod = "p")
    {
        engine.Behavior = _ => process;
        var sandbox = await runtime.RunSandboxAsync(new SandboxSpec(new PodRef("default", pod, pod + "-uid")));
        var id = await runtime.CreateContainerAsync(sandbox, new ContainerSpec("main", Image));
        await runtime.StartContainerAsync(id);
        return id;
    }

    [Fact]
    public async Task Sigterm_ignored_means_sigkill_when_the_grace_period_has_passed_on_the_clock()
    {
        var id = await RunAsync(new SimulatedProcess { ExitCodeOnTerm = null });
        var stop = runtime.StopContainerAsync(id, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(stop.IsCompleted);
        Assert.Equal(ContainerState.Running, (await runtime.InspectContainerAsync(id))!.State);
        time.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(5));
        var status = (await runtime.InspectContainerAsync(id))!;
        Assert.Equal((ContainerState.Exited, 137, Start.AddSeconds(30)), (status.State, status.ExitCode, status.FinishedAt));
    }

    [Fact]
    public async Task Exits_after_its_time_and_on_demand()
    {
        var timed = await RunAsync(new SimulatedProcess { ExitAfter = TimeSpan.FromMinutes(1), ExitCode = 2 }, "timed");
        var crashing = await RunAsync(SimulatedProcess.Server, "crashing");
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(ContainerState.Running, (await runtime.InspectContainerAsync(timed))!.State);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((ContainerState.Exited, 2), ((await runtime.InspectContainerAsync(timed))!.State, (await runtime.InspectContainerAsync(timed))!.ExitCode));
        engine.SimulateExit(crashing, 139);
        Assert.Equal(139, (await runtime.InspectContainerAsync(crashing))!.ExitCode);
    }

    [Fact]
    public async Task Follow_sees_new_lines_and_ends_at_exit()
    {
        var id = await RunAsync(SimulatedProcess.Server);
        var follow = runtime.ReadAllLogsAsync(id, new LogOptions { Follow = true });
        engine.SimulateOutput(id, OutputStream.Stdout, "late line");
        engine.SimulateExit(id, 0);
        var lines = await follow.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["late line"], lines.Select(l => l.Line));
    }

    [Fact]
    public async Task Pull_failures_can_be_simulated_and_successes_add_the_image()
    {
        engine.PullError = image => image == "example.com/broken:1" ? "manifest unknown" : null;
        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.PullImageAsync("example.com/broken:1"));
        Assert.Equal((RuntimeError.ImagePull, "pull example.com/broken:1: manifest unknown"), (error.Error, error.Message));
        var pulled = await runtime.PullImageAsync("example.com/fine:1");
        Assert.Equal(pulled, await runtime.InspectImageAsync("example.com/fine:1"));
    }

    [Fact]
    public async Task Thousands_of_pods_are_cheap()
    {
        var clock = Stopwatch.StartNew();
        var nodes = Enumerable.Range(0, 100).Select(n => new InMemoryRuntime(engine, $"hollow-{n}")).ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var node = nodes[i % nodes.Length];
            var sandbox = await node.RunSandboxAsync(new SandboxSpec(new PodRef("default", $"pod-{i}", $"uid-{i}")));
            await node.StartContainerAsync(await node.CreateContainerAsync(sandbox, new ContainerSpec("main", Image)));
        }
        Assert.Equal(10_000, engine.ContainerCount);
        Assert.Equal(50, (await nodes[7].ListContainersAsync()).Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"5,000 pods took {clock.Elapsed}");
    }
}
