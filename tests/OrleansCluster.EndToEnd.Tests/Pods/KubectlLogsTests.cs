using System.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OrleansCluster.Runtime;

namespace OrleansCluster.EndToEnd.Tests.Pods;

/// <summary><c>kubectl logs</c> through the gateway to a node API and real Docker containers: what a user sees.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class KubectlLogsTests(GatewayCluster cluster) : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(cluster);

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Logs_by_container_with_tail_timestamps_and_since()
    {
        await node.RunPodAsync("logs-two", ("a", "echo alpha-1; echo alpha-2; echo alpha-3; sleep 60"), ("b", "echo early; sleep 8; echo late; sleep 60"));
        var kubectl = cluster.Kubectl;
        await Until(async () => (await kubectl.RunAsync("logs", "logs-two", "-c", "b")).Output.Contains("late", StringComparison.Ordinal), "the late line of b");

        Assert.Equal("alpha-1\nalpha-2\nalpha-3\n", (await kubectl.RunAsync("logs", "logs-two", "-c", "a")).Ok());
        Assert.Equal("early\nlate\n", (await kubectl.RunAsync("logs", "pod/logs-two", "-c", "b")).Ok());
        Assert.Equal("alpha-3\n", (await kubectl.RunAsync("logs", "logs-two", "-c", "a", "--tail=1")).Ok());
        Assert.Equal("late\n", (await kubectl.RunAsync("logs", "logs-two", "-c", "b", "--since=6s")).Ok());
        var stamped = (await kubectl.RunAsync("logs", "logs-two", "-c", "a", "--timestamps")).Ok().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, stamped.Length);
        Assert.All(stamped, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z alpha-\d$", line));

        var unknown = await kubectl.RunAsync("logs", "logs-two", "-c", "nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("container nope is not valid for pod logs-two", unknown.Error, StringComparison.Ordinal);
        // kubectl picks a container itself; the API's own rule shows to clients that do not.
        var unnamed = await Assert.ThrowsAsync<HttpOperationException>(() => node.Api.CoreV1.ReadNamespacedPodLogAsync("logs-two", "default"));
        Assert.Contains("a container name must be specified for pod logs-two, choose one of: [a b]", unnamed.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_prints_lines_as_they_come_and_exits_when_the_container_does()
    {
        // The container waits for the test's go-ahead after its first line, so "first line while still running" holds
        // however slowly kubectl starts.
        var (pod, _) = await node.RunPodAsync("logs-follow", ("main", "echo tick 1; until [ -f /go ]; do sleep 0.1; done; echo tick 2; echo tick 3"));
        using var follow = cluster.Kubectl.Start("logs", "-f", "logs-follow");
        Assert.Equal("tick 1", await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var container = (await node.Runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodUid] = pod.Metadata.Uid }))[0];
        Assert.Equal(ContainerState.Running, (await node.Runtime.InspectContainerAsync(container.Id))!.State);
        await node.Runtime.ExecToEndAsync(container.Id, ["touch", "/go"]);
        Assert.Equal("tick 2\ntick 3\n", await follow.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        await follow.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, follow.ExitCode);
    }

    [Fact]
    public async Task Previous_shows_the_attempt_before_the_current_one()
    {
        var (_, sandbox) = await node.RunPodAsync("logs-restart", ("main", "echo first run; exit 1"));
        Assert.Equal("first run\n", (await cluster.Kubectl.RunAsync("logs", "logs-restart")).Ok());
        var none = await cluster.Kubectl.RunAsync("logs", "logs-restart", "--previous");
        Assert.Contains("previous terminated container \"main\" in pod \"logs-restart\" not found", none.Error, StringComparison.Ordinal);

        await node.StartContainerAsync(sandbox, "main", "echo second run; sleep 60", attempt: 1);
        await Until(async () => (await cluster.Kubectl.RunAsync("logs", "logs-restart")).Output == "second run\n", "the second run's output");
        Assert.Equal("first run\n", (await cluster.Kubectl.RunAsync("logs", "logs-restart", "--previous")).Ok());
    }

    [Fact]
    public async Task A_pod_without_a_node_is_waiting_to_start()
    {
        await node.Api.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "logs-pending" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = TestNode.Image }] },
        }, "default");
        var result = await cluster.Kubectl.RunAsync("logs", "logs-pending");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("container \"main\" in pod \"logs-pending\" is waiting to start: ContainerCreating", result.Error, StringComparison.Ordinal);
        var missing = await cluster.Kubectl.RunAsync("logs", "no-such-pod");
        Assert.Contains("pods \"no-such-pod\" not found", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_container_shows_why_unless_it_ran_before()
    {
        var (pod, _) = await node.RunPodAsync("logs-waiting", ("pull", "sleep 60"), ("crash", "echo crashed once"));
        pod.Status = new V1PodStatus
        {
            ContainerStatuses =
            [
                Waiting("pull", "ImagePullBackOff", lastRun: false),
                Waiting("crash", "CrashLoopBackOff", lastRun: true),
            ],
        };
        await node.Api.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "logs-waiting", "default");
        var pull = await cluster.Kubectl.RunAsync("logs", "logs-waiting", "-c", "pull");
        Assert.Contains("container \"pull\" in pod \"logs-waiting\" is waiting to start: image can't be pulled", pull.Error, StringComparison.Ordinal);
        await Until(async () => (await cluster.Kubectl.RunAsync("logs", "logs-waiting", "-c", "crash")).Ok() == "crashed once\n", "the crashed run's logs");
    }

    [Fact]
    public async Task An_unreachable_node_is_a_server_error_that_names_the_node()
    {
        await node.RunPodAsync("logs-lost", ("main", "echo hello; sleep 60"));
        await node.StopApiAsync();
        var result = await cluster.Kubectl.RunAsync("logs", "logs-lost");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot reach the node API of node \"{node.Name}\"", result.Error, StringComparison.Ordinal);
        var exec = await cluster.Kubectl.RunAsync("exec", "logs-lost", "--", "true");
        Assert.Contains($"cannot reach the node API of node \"{node.Name}\"", exec.Error, StringComparison.Ordinal);
    }

    private static V1ContainerStatus Waiting(string name, string reason, bool lastRun) => new()
    {
        Name = name,
        Image = TestNode.Image,
        ImageID = "",
        Ready = false,
        RestartCount = lastRun ? 1 : 0,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
        LastState = lastRun
            ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } }
            : null,
    };

    internal static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{what} did not come within 30 s");
            await Task.Delay(100);
        }
    }
}
