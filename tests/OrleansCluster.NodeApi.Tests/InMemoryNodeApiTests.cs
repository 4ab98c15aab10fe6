using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.InMemory;

namespace OrleansCluster.NodeApi.Tests;

/// <summary>The node API over the in-memory runtime: routing, errors, the log options and the exec protocol, fast.</summary>
public sealed partial class InMemoryNodeApiTests : IAsyncLifetime
{
    private const string Image = "orleanscluster/busybox:local";
    private readonly InMemoryEngine engine = new();
    private readonly PodRef pod = new("default", "web", Guid.NewGuid().ToString());
    private InMemoryRuntime runtime = null!;
    private NodeApiHarness api = null!;

    public async Task InitializeAsync()
    {
        engine.AddImage(Image);
        engine.Behavior = spec => spec.Name switch
        {
            "lines" => new SimulatedProcess
            {
                ExitAfter = TimeSpan.Zero,
                Output = [(OutputStream.Stdout, $"one {spec.Attempt}"), (OutputStream.Stderr, "two"), (OutputStream.Stdout, "three")],
            },
            _ => SimulatedProcess.Server with { Exec = Exec },
        };
        runtime = new InMemoryRuntime(engine, $"mem-{Guid.NewGuid():N}");
        api = await NodeApiHarness.StartAsync(runtime);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Requests_without_the_token_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = api.Http.BaseAddress };
        var response = await anonymous.GetAsync(api.LogsPath(pod, "lines"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (await Status(response))["reason"]!.ToString());
    }

    [Fact]
    public async Task Unknown_node_and_missing_container_are_statuses()
    {
        var response = await api.Http.GetAsync(NodeApiPaths.Logs("elsewhere", "default", "web", "lines"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        response = await api.Http.GetAsync(api.LogsPath(pod, "lines"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("container \"lines\" in pod \"web\" is waiting to start: ContainerCreating", (await Status(response))["message"]!.ToString());
    }

    [Fact]
    public async Task Logs_honour_tail_limit_timestamps_and_previous()
    {
        var sandbox = await runtime.RunSandboxAsync(new SandboxSpec(pod));
        await StartAsync(sandbox, "lines", attempt: 0);
        Assert.Equal("one 0\ntwo\nthree\n", await api.Http.GetStringAsync(api.LogsPath(pod, "lines")));
        Assert.Equal("three\n", await api.Http.GetStringAsync(api.LogsPath(pod, "lines", "tailLines=1")));
        Assert.Equal("one 0\ntw", await api.Http.GetStringAsync(api.LogsPath(pod, "lines", "limitBytes=8")));
        var stamped = (await api.Http.GetStringAsync(api.LogsPath(pod, "lines", "timestamps=true"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(stamped, line => Assert.Matches(Stamped(), line));
        Assert.EndsWith(" three", stamped[^1]);

        var noPrevious = await api.Http.GetAsync(api.LogsPath(pod, "lines", "previous=true"));
        Assert.Equal(HttpStatusCode.BadRequest, noPrevious.StatusCode);
        Assert.Equal("previous terminated container \"lines\" in pod \"web\" not found", (await Status(noPrevious))["message"]!.ToString());

        await StartAsync(sandbox, "lines", attempt: 1);
        Assert.StartsWith("one 1\n", await api.Http.GetStringAsync(api.LogsPath(pod, "lines")));
        Assert.StartsWith("one 0\n", await api.Http.GetStringAsync(api.LogsPath(pod, "lines", "previous=true")));
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_follows_at_once()
    {
        var id = await StartAsync(await runtime.RunSandboxAsync(new SandboxSpec(pod)), "shell", attempt: 0);
        engine.SimulateOutput(id, OutputStream.Stdout, "still here");
        using var response = await api.Http.GetAsync(api.LogsPath(pod, "shell", "follow=true"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("still here", await reader.ReadLineAsync());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await api.StopServerAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z", "at most one of `sinceTime` or `sinceSeconds` may be specified")]
    [InlineData("tailLines=-1", "tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", "limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("follow=maybe", "follow: Invalid value: \"maybe\": not a boolean")]
    public async Task Invalid_log_options_are_bad_requests(string query, string message)
    {
        var response = await api.Http.GetAsync(api.LogsPath(pod, "lines", query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await Status(response))["message"]!.ToString());
    }

    [Fact]
    public async Task Exec_passes_stdin_and_reports_exit_codes()
    {
        await StartAsync(await runtime.RunSandboxAsync(new SandboxSpec(pod)), "shell", attempt: 0);
        var cat = await api.Exec(pod, "shell").RunAsync(["cat"], stdin: "hello\n");
        Assert.Equal(("hello\n", StreamProtocol.V5), (cat.Stdout, cat.Protocol));
        Assert.Equal("Success", cat.Status!["status"]!.ToString());

        var failed = await api.Exec(pod, "shell").RunAsync(["fail"], protocol: StreamProtocol.V4);
        Assert.Equal(("bye\n", StreamProtocol.V4), (failed.Stderr, failed.Protocol));
        Assert.Equal("NonZeroExitCode", failed.Status!["reason"]!.ToString());
        Assert.Equal("ExitCode", failed.Status["details"]!["causes"]![0]!["reason"]!.ToString());
        Assert.Equal("5", failed.Status["details"]!["causes"]![0]!["message"]!.ToString());
    }

    [Fact]
    public async Task Exec_without_a_websocket_or_a_known_protocol_is_refused()
    {
        await StartAsync(await runtime.RunSandboxAsync(new SandboxSpec(pod)), "shell", attempt: 0);
        var path = NodeApiPaths.Exec(api.NodeName, pod.Namespace, pod.Name, "shell") + "?command=ls&stdout=true";
        var plain = await api.Http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("SPDY is not supported", (await Status(plain))["message"]!.ToString());
        var old = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => api.Exec(pod, "shell").RunAsync(["ls"], protocol: "channel.k8s.io"));
        Assert.NotNull(old);
    }

    private async Task<string> StartAsync(PodSandbox sandbox, string name, int attempt)
    {
        var id = await runtime.CreateContainerAsync(sandbox, new ContainerSpec(name, Image) { Attempt = attempt });
        await runtime.StartContainerAsync(id);
        return id;
    }

    private static ExecResult Exec(ExecSpec spec, string stdin) => spec.Command[0] switch
    {
        "cat" => new ExecResult(0, stdin, ""),
        _ => new ExecResult(5, "", "bye\n"),
    };

    private static async Task<JsonObject> Status(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S+")]
    private static partial Regex Stamped();
}
