using System.Diagnostics;
using OrleansCluster.EndToEnd.Tests.Http;
using OrleansCluster.NodeApi;
using OrleansCluster.NodeApi.Tests;

namespace OrleansCluster.EndToEnd.Tests.Pods;

/// <summary><c>kubectl exec</c> (WebSocket v5, kubectl 1.32's default) through the gateway to a node API and a real container.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class KubectlExecTests(GatewayCluster cluster) : IAsyncLifetime
{
    // xunit makes an instance per test: each gets a pod of its own.
    private readonly string pod = $"exec-{Guid.NewGuid():N}"[..13];
    private TestNode node = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync(cluster);
        await node.RunPodAsync(pod, ("main", "sleep 600"), ("side", "sleep 600"), ("done", "true"));
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Exit_codes_stdout_and_stderr_come_back()
    {
        var ok = await cluster.Kubectl.RunAsync("exec", pod, "-c", "main", "--", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal((0, "out\n"), (ok.ExitCode, ok.Output));
        Assert.Contains("err", ok.Error, StringComparison.Ordinal);

        var failed = await cluster.Kubectl.RunAsync("exec", pod, "-c", "side", "--", "sh", "-c", "exit 3");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("command terminated with exit code 3", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_is_piped_with_dash_i()
    {
        var result = await cluster.Kubectl.RunAsync("piped line one\npiped line two\n", TimeSpan.FromSeconds(60),
            "exec", "-i", pod, "-c", "main", "--", "sh", "-c", "cat; echo done");
        Assert.Equal("piped line one\npiped line two\ndone\n", result.Ok());
    }

    [Fact]
    public async Task Dash_t_gives_the_command_a_terminal()
    {
        // kubectl -t needs -i and a terminal of its own: script(1) gives it one.
        var info = new ProcessStartInfo("script", ["-qec", $"kubectl --kubeconfig={cluster.KubeconfigPath} exec -it {pod} -c main -- tty", "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output} {await process.StandardError.ReadToEndAsync()}");
        Assert.Contains("/dev/pts/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_speaks_the_subprotocol_the_client_offers()
    {
        using var http = new ApiHttp(cluster);
        var exec = new ExecClient(new Uri($"wss://127.0.0.1:{cluster.ApiPort}/api/v1/namespaces/default/pods/{pod}/exec?container=main"), http.Token, http.Client);
        var v4 = await exec.RunAsync(["sh", "-c", "read line; echo got $line; exit 2"], stdin: "x\n", protocol: StreamProtocol.V4);
        Assert.Equal((StreamProtocol.V4, "got x\n"), (v4.Protocol, v4.Stdout));
        Assert.Equal("2", v4.Status!["details"]!["causes"]![0]!["message"]!.ToString());
        var v5 = await exec.RunAsync(["cat"], stdin: "y");
        Assert.Equal((StreamProtocol.V5, "y", "Success"), (v5.Protocol, v5.Stdout, v5.Status!["status"]!.ToString()));
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => exec.RunAsync(["true"], protocol: "channel.k8s.io"));
    }

    [Fact]
    public async Task Unknown_containers_and_pods_are_refused_before_any_stream()
    {
        var unknown = await cluster.Kubectl.RunAsync("exec", pod, "-c", "nope", "--", "true");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains($"container nope is not valid for pod {pod}", unknown.Error, StringComparison.Ordinal);
        await KubectlLogsTests.Until(async () => (await node.Runtime.ListContainersAsync()).Any(c => c.Name == "done" && c.State == Runtime.ContainerState.Exited), "the done container's exit");
        var exited = await cluster.Kubectl.RunAsync("exec", pod, "-c", "done", "--", "true");
        Assert.NotEqual(0, exited.ExitCode);
        Assert.Contains($"container \"done\" in pod \"{pod}\" is not running", exited.Error, StringComparison.Ordinal);
        var missing = await cluster.Kubectl.RunAsync("exec", "no-such-pod", "--", "true");
        Assert.Contains("pods \"no-such-pod\" not found", missing.Error, StringComparison.Ordinal);
    }
}
