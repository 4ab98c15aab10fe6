using System.Diagnostics;
using System.Globalization;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;

namespace OrleansCluster.NodeApi.Tests;

/// <summary>
/// The node API over real Docker containers, made directly through <see cref="DockerRuntime"/> for a node name of this
/// test's own; everything that node has is removed at the end, failed or not.
/// </summary>
public sealed class DockerNodeApiTests : IAsyncLifetime
{
    private const string Image = "orleanscluster/busybox:local";
    private readonly DockerRuntime runtime = new(new DockerRuntimeOptions($"nodeapi-test-{Guid.NewGuid():N}"));
    private readonly PodRef pod = new("default", "web", Guid.NewGuid().ToString());
    private NodeApiHarness api = null!;

    public async Task InitializeAsync() => api = await NodeApiHarness.StartAsync(runtime);

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        foreach (var container in await runtime.ListContainersAsync()) await runtime.RemoveContainerAsync(container.Id);
        foreach (var sandbox in await runtime.ListSandboxesAsync()) await runtime.RemoveSandboxAsync(sandbox.Id);
        runtime.Dispose();
    }

    [Fact]
    public async Task Follow_streams_each_line_as_it_is_written_and_ends_when_the_container_exits()
    {
        // The container waits for the test's go-ahead after its first line, so the check below holds however slow the machine.
        var id = await RunAsync("main", "echo one; until [ -f /go ]; do sleep 0.1; done; echo two");
        using var response = await api.Http.GetAsync(api.LogsPath(pod, "main", "follow=true"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("one", await reader.ReadLineAsync());
        // The first line came while the container was still writing: the answer is a stream, not a buffered body.
        Assert.Equal(ContainerState.Running, (await runtime.InspectContainerAsync(id))!.State);
        await runtime.ExecToEndAsync(id, ["touch", "/go"]);
        Assert.Equal("two", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Since_time_since_seconds_and_timestamps_select_lines_by_the_engines_clock()
    {
        await RunAsync("main", "echo early; sleep 5; echo late; sleep 60");
        await Until(async () => (await api.Http.GetStringAsync(api.LogsPath(pod, "main"))).Contains("late", StringComparison.Ordinal), "the late line");
        Assert.Equal("late\n", await api.Http.GetStringAsync(api.LogsPath(pod, "main", "sinceSeconds=4")));

        var stamped = (await api.Http.GetStringAsync(api.LogsPath(pod, "main", "timestamps=true"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["early", "late"], stamped.Select(line => line.Split(' ', 2)[1]));
        var lateAt = stamped[1].Split(' ')[0];
        Assert.Equal(["late"], (await api.Http.GetStringAsync(api.LogsPath(pod, "main", $"sinceTime={Uri.EscapeDataString(lateAt)}")))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var earlyAt = DateTimeOffset.Parse(stamped[0].Split(' ')[0][..27] + "Z", CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.UtcNow - earlyAt < TimeSpan.FromMinutes(1), $"{earlyAt:O}");
    }

    [Fact]
    public async Task Exec_carries_stdin_stdout_stderr_and_the_exit_code()
    {
        await RunAsync("main", "sleep 60");
        var cat = await api.Exec(pod, "main").RunAsync(["cat"], stdin: "line one\nline two\n");
        Assert.Equal("line one\nline two\n", cat.Stdout);
        Assert.Equal("Success", cat.Status!["status"]!.ToString());

        var failed = await api.Exec(pod, "main").RunAsync(["sh", "-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(("out\n", "err\n"), (failed.Stdout, failed.Stderr));
        Assert.Equal("NonZeroExitCode", failed.Status!["reason"]!.ToString());
        Assert.Equal("3", failed.Status["details"]!["causes"]![0]!["message"]!.ToString());
    }

    [Fact]
    public async Task Exec_with_a_tty_runs_on_a_terminal()
    {
        await RunAsync("main", "sleep 60");
        var withTty = await api.Exec(pod, "main").RunAsync(["tty"], tty: true, resize: (100, 30));
        Assert.StartsWith("/dev/pts/", withTty.Stdout);
        Assert.Equal("Success", withTty.Status!["status"]!.ToString());
        var without = await api.Exec(pod, "main").RunAsync(["tty"]);
        Assert.Equal("not a tty\n", without.Stdout);
        Assert.Equal("1", without.Status!["details"]!["causes"]![0]!["message"]!.ToString());
    }

    [Fact]
    public async Task A_client_that_hangs_up_ends_the_session_without_waiting_for_the_command()
    {
        await RunAsync("main", "sleep 60");
        var closed = await api.Exec(pod, "main").HangUpAsync(["sleep", "30"]);
        Assert.True(closed < TimeSpan.FromSeconds(10), $"the server answered the close after {closed}");
    }

    private async Task<string> RunAsync(string name, string script)
    {
        var sandbox = await runtime.RunSandboxAsync(new SandboxSpec(pod) { Network = SandboxNetwork.None });
        var id = await runtime.CreateContainerAsync(sandbox, new ContainerSpec(name, Image) { Command = ["sh", "-c", script] });
        await runtime.StartContainerAsync(id);
        return id;
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{what} did not come within 20 s");
            await Task.Delay(50);
        }
    }
}
