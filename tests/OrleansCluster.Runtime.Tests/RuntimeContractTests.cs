using System.Diagnostics;

namespace OrleansCluster.Runtime.Tests;

/// <summary>
/// What every <see cref="IContainerRuntime"/> must do, run against Docker and the in-memory fake alike.
/// Each test gets its own node name, so lists see only its objects; everything is removed at the end.
/// </summary>
public abstract class RuntimeContractTests : RuntimeTestBase
{
    [Fact]
    public async Task Reports_exit_code_and_times()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var (sandbox, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.ExitThree });
        var status = (await Containers.Exited(Runtime, id))!;
        Assert.Equal(3, status.ExitCode);
        Assert.Equal("main", status.Name);
        Assert.Equal(sandbox.Id, status.SandboxId);
        Assert.Equal(sandbox.Pod, status.Pod);
        Assert.Equal(Image, status.Image);
        Assert.StartsWith("sha256:", status.ImageId);
        // Docker stamps a process that exits at once with a FinishedAt that may precede its StartedAt by a hair.
        Assert.True(status.StartedAt >= before && status.FinishedAt >= before, $"{status.StartedAt:O} {status.FinishedAt:O}");
    }

    [Fact]
    public async Task Env_is_visible_to_the_process()
    {
        var (_, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.EchoFoo, Env = [new("FOO", "bar baz")] });
        await Containers.Exited(Runtime, id);
        var logs = await Runtime.ReadAllLogsAsync(id, new LogOptions());
        Assert.Equal(["bar baz"], logs.Select(l => l.Line));
    }

    [Fact]
    public async Task Logs_tail_timestamps_and_streams()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-2);
        var (sandbox, id) = await RunAsync(new ContainerSpec("lines", Image) { Command = Scripts.ThreeLines });
        await Containers.Exited(Runtime, id);
        var tail = await Runtime.ReadAllLogsAsync(id, new LogOptions { Tail = 2, Timestamps = true });
        Assert.Equal(["two", "three"], tail.Select(l => l.Line));
        Assert.All(tail, l => Assert.True(l.Timestamp >= start && l.Timestamp <= DateTimeOffset.UtcNow.AddSeconds(2), $"{l.Timestamp}"));
        Assert.All(await Runtime.ReadAllLogsAsync(id, new LogOptions()), l => Assert.Null(l.Timestamp));

        var both = await Runtime.CreateContainerAsync(sandbox, new ContainerSpec("both", Image) { Command = Scripts.OutAndErr });
        await Runtime.StartContainerAsync(both);
        await Containers.Exited(Runtime, both);
        var logs = await Runtime.ReadAllLogsAsync(both, new LogOptions { Follow = true });
        Assert.Equal([(OutputStream.Stdout, "out"), (OutputStream.Stderr, "err")], logs.Select(l => (l.Stream, l.Line)).OrderBy(l => l.Stream));
        Assert.Equal(["err"], (await Runtime.ReadAllLogsAsync(both, new LogOptions { Stdout = false })).Select(l => l.Line));
    }

    [Fact]
    public async Task A_process_that_handles_sigterm_stops_quickly()
    {
        var (_, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.TrapsTerm });
        Assert.Equal(ContainerState.Running, (await Runtime.InspectContainerAsync(id))!.State);
        var clock = Stopwatch.StartNew();
        await Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        var status = await Runtime.InspectContainerAsync(id);
        Assert.Equal((ContainerState.Exited, 0), (status!.State, status.ExitCode));
        await Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(1)); // idempotent
    }

    [Fact]
    public async Task Exec_with_stdin_and_exit_code()
    {
        var (_, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.TrapsTerm });
        var echoed = await Runtime.ExecToEndAsync(id, Scripts.Cat, stdin: "hello\nworld\n");
        Assert.Equal(new ExecResult(0, "hello\nworld\n", ""), echoed);
        var failed = await Runtime.ExecToEndAsync(id, Scripts.ExecExitFive);
        Assert.Equal(new ExecResult(5, "", "bye\n"), failed);
    }

    [Fact]
    public async Task A_new_instance_adopts_what_runs_and_other_nodes_do_not_see_it()
    {
        var (sandbox, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.TrapsTerm, Attempt = 2 }, "adopted");
        var restarted = CreateRuntime(NodeName);
        var other = CreateRuntime(NodeName + "-other");
        try
        {
            var byPod = new Dictionary<string, string> { [RuntimeLabels.PodUid] = sandbox.Pod.Uid };
            var sandboxes = await restarted.ListSandboxesAsync(byPod);
            Assert.Equal((sandbox.Id, sandbox.Pod, SandboxState.Ready), (sandboxes.Single().Id, sandboxes.Single().Pod, sandboxes.Single().State));
            var container = (await restarted.ListContainersAsync(byPod)).Single();
            Assert.Equal((id, "main", sandbox.Id, 2, ContainerState.Running), (container.Id, container.Name, container.SandboxId, container.Attempt, container.State));
            Assert.Equal(NodeName, container.Labels[RuntimeLabels.Node]);
            Assert.Empty(await restarted.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodUid] = "nope" }));
            Assert.Empty(await other.ListContainersAsync());
            Assert.Empty(await other.ListSandboxesAsync());
            Assert.Null(await other.InspectContainerAsync(id));
        }
        finally
        {
            (restarted as IDisposable)?.Dispose();
            (other as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public async Task Remove_is_complete_and_idempotent()
    {
        var (sandbox, id) = await RunAsync(new ContainerSpec("main", Image) { Command = Scripts.TrapsTerm });
        await Runtime.RemoveContainerAsync(id);
        await Runtime.RemoveSandboxAsync(sandbox.Id);
        Assert.Null(await Runtime.InspectContainerAsync(id));
        Assert.Null(await Runtime.InspectSandboxAsync(sandbox.Id));
        Assert.Empty(await Runtime.ListContainersAsync());
        Assert.Empty(await Runtime.ListSandboxesAsync());
        await Runtime.RemoveContainerAsync(id);
        await Runtime.StopContainerAsync(id, TimeSpan.Zero);
        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => Runtime.StartContainerAsync(id));
        Assert.Equal(RuntimeError.NotFound, error.Error);
    }

    [Fact]
    public async Task Images_present_missing_and_a_failed_pull()
    {
        Assert.StartsWith("sha256:", (await Runtime.InspectImageAsync(Image))!.Id);
        Assert.Null(await Runtime.InspectImageAsync("registry.invalid/nothing:1"));
        var sandbox = await Runtime.RunSandboxAsync(new SandboxSpec(NewPod("img")));
        var missing = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => Runtime.CreateContainerAsync(sandbox, new ContainerSpec("main", "registry.invalid/nothing:1")));
        Assert.Equal(RuntimeError.ImageNotFound, missing.Error);

        var clock = Stopwatch.StartNew();
        var pull = await Assert.ThrowsAsync<ContainerRuntimeException>(() => Runtime.PullImageAsync("registry.invalid/nothing:1"));
        Assert.Equal(RuntimeError.ImagePull, pull.Error);
        Assert.Contains("registry.invalid", pull.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the failed pull took {clock.Elapsed}");
    }

    [Fact]
    public async Task Version_names_the_engine()
    {
        var version = await Runtime.GetVersionAsync();
        Assert.Matches(@"^\w+://\d+\.\d+", version.ToString());
    }
}
