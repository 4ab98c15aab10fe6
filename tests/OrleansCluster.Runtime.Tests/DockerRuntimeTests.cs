using System.Diagnostics;
using OrleansCluster.Runtime.Docker;

namespace OrleansCluster.Runtime.Tests;

/// <summary>What only a real engine can show: a shared network namespace, limits as Docker applies them, SIGKILL timing.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerRuntimeTests(DockerEngineFixture engine) : RuntimeTestBase
{
    protected override IContainerRuntime CreateRuntime(string nodeName) => new DockerRuntime(new DockerRuntimeOptions(nodeName));

    [Fact]
    public async Task Containers_of_a_pod_share_localhost()
    {
        var sandbox = await Runtime.RunSandboxAsync(new SandboxSpec(NewPod("web")));
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", sandbox.IpAddress);
        var server = await Runtime.CreateContainerAsync(sandbox, new ContainerSpec("server", Image)
        {
            Command = ["sh", "-c", "mkdir -p /www && echo hello-from-a > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www"],
        });
        var client = await Runtime.CreateContainerAsync(sandbox, new ContainerSpec("client", Image)
        {
            // Bounded retries while the server starts.
            Command = ["sh", "-c", "for i in $(seq 1 50); do wget -q -O - http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1"],
        });
        await Runtime.StartContainerAsync(server);
        await Runtime.StartContainerAsync(client);
        var status = await Containers.Exited(Runtime, client);
        var logs = await Runtime.ReadAllLogsAsync(client, new LogOptions());
        Assert.Equal(0, status!.ExitCode);
        Assert.Contains("hello-from-a", logs.Select(l => l.Line));
    }

    [Fact]
    public async Task Memory_and_cpu_limits_are_applied()
    {
        var (sandbox, id) = await RunAsync(new ContainerSpec("limited", Image)
        {
            Command = Scripts.TrapsTerm,
            Resources = new ResourceLimits(MemoryBytes: 64 * 1024 * 1024, CpuLimitMillis: 500, CpuRequestMillis: 250),
            WorkingDir = "/tmp",
        });
        var inspected = await engine.Client.Containers.InspectContainerAsync(id);
        Assert.Equal(64L * 1024 * 1024, inspected.HostConfig.Memory);
        Assert.Equal((100_000L, 50_000L, 256L), (inspected.HostConfig.CPUPeriod, inspected.HostConfig.CPUQuota, inspected.HostConfig.CPUShares));
        Assert.Equal($"container:{sandbox.Id}", inspected.HostConfig.NetworkMode);
        Assert.Equal("/tmp", inspected.Config.WorkingDir);
        var cgroup = await Runtime.ExecToEndAsync(id, ["sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max"]);
        Assert.Equal((64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), cgroup.Stdout.Trim());
    }

    [Fact]
    public async Task A_process_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        // busybox sleep as PID 1 has no SIGTERM handler, so the kernel ignores the signal for it.
        var (_, id) = await RunAsync(new ContainerSpec("stubborn", Image) { Command = ["sleep", "60"] });
        var clock = Stopwatch.StartNew();
        await Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(1));
        var elapsed = clock.Elapsed;
        var status = await Runtime.InspectContainerAsync(id);
        Assert.Equal((ContainerState.Exited, 137), (status!.State, status.ExitCode));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Follow_ends_when_the_container_exits()
    {
        var (_, id) = await RunAsync(new ContainerSpec("ticker", Image) { Command = ["sh", "-c", "for i in 1 2 3; do echo tick $i; sleep 0.1; done"] });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = await Runtime.ReadAllLogsAsync(id, new LogOptions { Follow = true, Timestamps = true }, timeout.Token);
        Assert.Equal(["tick 1", "tick 2", "tick 3"], lines.Select(l => l.Line));
        var since = await Runtime.ReadAllLogsAsync(id, new LogOptions { Since = lines[2].Timestamp });
        Assert.Equal(["tick 3"], since.Select(l => l.Line));
    }
}
