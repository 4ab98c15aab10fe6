using System.Diagnostics;
using k8s.Models;
using OrleansCluster.Api;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// A control-plane silo and three node silos (each its own process and node name, all on this machine's Docker engine):
/// node selectors, taints and tolerations, and resources running out, as a user sees them: where pods land, which
/// stay Pending and why, and that a pending pod starts once room is made. Containers really run, on the node chosen.
/// </summary>
public sealed class ThreeNodeSchedulingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private SiloCluster cluster = null!;
    private OrleansClusterClient api = null!;

    private string NodeA => $"n3-{run}-a";

    private string NodeB => $"n3-{run}-b";

    private string NodeC => $"n3-{run}-c";

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(ThreeNodeSchedulingTests));
        await cluster.StartSiloAsync("control-plane", "--OrleansCluster:Roles:0=control-plane");
        await Task.WhenAll(new[] { NodeA, NodeB, NodeC }.Select(node => cluster.StartSiloAsync(node,
            "--OrleansCluster:Roles:0=node",
            $"--OrleansCluster:Node:NodeName={node}",
            $"--OrleansCluster:Node:KubeletPort={FreePorts.Next()}")));
        api = (await cluster.ConnectClientAsync()).Api;
        foreach (var node in new[] { NodeA, NodeB, NodeC })
        {
            await Eventually.True(async () => IsReady(await api.Nodes.GetAsync(node)), Patience, $"node {node} Ready");
        }

        output.WriteLine($"control plane and 3 node silos ready after {clock.Elapsed.TotalSeconds:F1} s ({cluster.ReadyTimes()})");
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        foreach (var node in new[] { NodeA, NodeB, NodeC })
        {
            using var runtime = Runtime(node);
            foreach (var container in await runtime.ListContainersAsync())
            {
                await runtime.RemoveContainerAsync(container.Id);
            }

            foreach (var sandbox in await runtime.ListSandboxesAsync())
            {
                await runtime.RemoveSandboxAsync(sandbox.Id);
            }
        }
    }

    [Fact]
    public async Task Selectors_taints_and_exhausted_resources_decide_where_pods_run_and_which_wait()
    {
        await api.Nodes.PatchAsync(NodeB, null, new { metadata = new { labels = new Dictionary<string, string> { ["disk"] = "ssd" } } });
        await api.Nodes.PatchAsync(NodeC, null, new { spec = new { taints = new[] { new { key = "dedicated", value = "infra", effect = "NoSchedule" } } } });

        // A node selector picks the one labelled node; a toleration opens the tainted one.
        await api.Pods.CreateAsync(Pod("ssd", selector: new() { ["disk"] = "ssd" }));
        var tolerant = Pod("tolerant", selector: new() { ["kubernetes.io/hostname"] = NodeC });
        tolerant.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "infra", Effect = "NoSchedule" }];
        await api.Pods.CreateAsync(tolerant);
        // Without a toleration, the tainted node is never chosen.
        for (var i = 0; i < 4; i++)
        {
            await api.Pods.CreateAsync(Pod($"plain-{i}"));
        }

        Assert.Equal(NodeB, (await RunningAsync("ssd")).Spec.NodeName);
        Assert.Equal(NodeC, (await RunningAsync("tolerant")).Spec.NodeName);
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains((await RunningAsync($"plain-{i}")).Spec.NodeName, new[] { NodeA, NodeB });
        }

        // The containers run on the engine under the node the scheduler chose.
        using (var onC = Runtime(NodeC))
        {
            var mine = await onC.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "tolerant" });
            Assert.Equal(ContainerState.Running, (await onC.InspectContainerAsync(Assert.Single(mine).Id))!.State);
        }

        // Each node has Environment.ProcessorCount cpus: one pod asking for more than half fits per untainted node.
        var big = Math.Max(600, Environment.ProcessorCount * 1000 * 3 / 4);
        await api.Pods.CreateAsync(Pod("big-1", cpuMillis: big));
        await api.Pods.CreateAsync(Pod("big-2", cpuMillis: big));
        var bigNodes = new[] { (await RunningAsync("big-1")).Spec.NodeName, (await RunningAsync("big-2")).Spec.NodeName };
        Assert.Equal(new[] { NodeA, NodeB }.Order(), bigNodes.Order());

        await api.Pods.CreateAsync(Pod("big-3", cpuMillis: big));
        var waiting = await UnschedulableAsync("big-3");
        Assert.Equal("Pending", waiting.Status.Phase);
        Assert.Null(waiting.Spec.NodeName);
        var reason = waiting.Status.Conditions.Single(c => c.Type == "PodScheduled").Message;
        Assert.StartsWith("0/3 nodes are available: ", reason, StringComparison.Ordinal);
        Assert.Contains("1 node(s) had untolerated taint {dedicated: infra}", reason, StringComparison.Ordinal);
        Assert.Contains("2 Insufficient cpu", reason, StringComparison.Ordinal);
        var events = await api.Events.ListAsync("default", fieldSelector: "involvedObject.name=big-3");
        Assert.Contains(events.Items, e => e.Reason == "FailedScheduling" && e.Type == "Warning" && e.Message == reason);

        // Making room lets the waiting pod start, without anything else touching it.
        var freed = (await api.Pods.GetAsync("big-1", "default"))!.Spec.NodeName;
        await api.Pods.DeleteAsync("big-1", "default", new Abstractions.DeleteRequest { GracePeriodSeconds = 0 });
        Assert.Equal(freed, (await RunningAsync("big-3")).Spec.NodeName);
    }

    private V1Pod Pod(string name, Dictionary<string, string>? selector = null, int cpuMillis = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PodSpec
        {
            NodeSelector = selector,
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                Manifests.UntilTerm(cpuMillis == 0 ? null : new V1ResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new($"{cpuMillis}m") },
                }),
            ],
        },
    };

    private async Task<V1Pod> RunningAsync(string name)
    {
        V1Pod? pod = null;
        await Eventually.True(async () => (pod = await api.Pods.GetAsync(name, "default"))?.Status?.Phase == "Running",
            Patience, $"pod {name} Running (now {pod?.Status?.Phase} on '{pod?.Spec.NodeName}')");
        return pod!;
    }

    private async Task<V1Pod> UnschedulableAsync(string name)
    {
        V1Pod? pod = null;
        await Eventually.True(
            async () => (pod = await api.Pods.GetAsync(name, "default"))?.Status?.Conditions?
                .Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true,
            Patience, $"pod {name} PodScheduled=False Unschedulable");
        return pod!;
    }

    private static bool IsReady(V1Node? node) =>
        node?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DockerRuntime Runtime(string node) => new(new DockerRuntimeOptions(node));
}
