using k8s.Models;
using OrleansCluster.Controllers;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Grains.Tests.Controllers;

/// <summary>The in-process cluster with a short node monitor grace, so a silent node turns Unknown within seconds.</summary>
public sealed class NodeLifecycleFixture() : ClusterFixture(scheduler: false, new ControllerOptions { NodeMonitorGracePeriod = Grace })
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The node lifecycle controller on a real store. No node agent runs here: the test plays kubelet, creating the Node
/// with a Ready heartbeat and its Lease, marking pods Ready, and later renewing and posting Ready again.
/// </summary>
public sealed class NodeLifecycleTests(NodeLifecycleFixture fixture) : IClassFixture<NodeLifecycleFixture>
{
    private const string Unreachable = "node.kubernetes.io/unreachable";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_node_whose_lease_stops_renewing_turns_Unknown_is_tainted_and_its_pods_leave_as_their_tolerations_allow()
    {
        var node = await CreateNodeAsync("silent-node");
        var atOnce = await RunPodAsync(node, "at-once", tolerationSeconds: 0);
        var three = await RunPodAsync(node, "three-seconds", tolerationSeconds: 3);
        var stays = await RunPodAsync(node, "stays", tolerationSeconds: null);
        await HeartbeatAsync(node);

        var unknown = await Eventually.Until(() => fixture.Client.Nodes.GetAsync(node)!,
            n => n!.Spec?.Taints?.Count(t => t.Key == Unreachable) == 2, NodeLifecycleFixture.Grace + Slack, "the silent node tainted unreachable");

        Assert.All(unknown!.Status.Conditions.Where(c => c.Type is "Ready" or "MemoryPressure" or "DiskPressure" or "PIDPressure"), c =>
            Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (c.Status, c.Reason, c.Message)));
        Assert.Equal(["NoExecute", "NoSchedule"], unknown.Spec.Taints.Select(t => t.Effect).Order());
        var tainted = unknown.Spec.Taints.Single(t => t.Effect == "NoExecute").TimeAdded!.Value;

        var evicted = await Eventually.Until(() => fixture.Client.Pods.GetAsync(atOnce, "default"),
            p => p?.Metadata.DeletionTimestamp is not null, Slack, "the intolerant pod evicted");
        Assert.InRange(EvictedAt(evicted!) - tainted, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2));
        var late = await Eventually.Until(() => fixture.Client.Pods.GetAsync(three, "default"),
            p => p?.Metadata.DeletionTimestamp is not null, TimeSpan.FromSeconds(3) + Slack, "the pod tolerating 3 s evicted");
        Assert.InRange(EvictedAt(late!) - tainted, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6));

        var kept = await Eventually.Until(() => fixture.Client.Pods.GetAsync(stays, "default"),
            p => p!.Status.Conditions.Single(c => c.Type == "Ready").Status == "False", Slack, "the tolerating pod marked not ready");
        Assert.Null(kept!.Metadata.DeletionTimestamp);
        var events = (await fixture.Client.Events.ListAsync("default")).Items;
        Assert.Contains(events, e => e.Reason == "TaintManagerEviction" && e.InvolvedObject.Name == atOnce
            && e.Message == $"Marking for deletion Pod default/{atOnce}");
    }

    [Fact]
    public async Task A_node_that_renews_and_reports_Ready_again_loses_the_unreachable_taints()
    {
        var node = await CreateNodeAsync("returning-node");
        await HeartbeatAsync(node);
        await Eventually.Until(() => fixture.Client.Nodes.GetAsync(node)!,
            n => n!.Spec?.Taints?.Any(t => t.Key == Unreachable) == true, NodeLifecycleFixture.Grace + Slack, "the silent node tainted");

        await HeartbeatAsync(node);

        var back = await Eventually.Until(() => fixture.Client.Nodes.GetAsync(node)!,
            n => n!.Spec?.Taints is null or { Count: 0 }, Slack, "the taints removed once Ready again");
        Assert.Equal("True", back!.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("own", back.Metadata.Labels["kept"]);
    }

    /// <summary>When the pod was evicted: its deletion timestamp less the grace period it was deleted with.</summary>
    private static DateTime EvictedAt(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp!.Value.AddSeconds(-(pod.Metadata.DeletionGracePeriodSeconds ?? 0));

    /// <summary>A Node that has not reported yet (the startup grace, a minute, covers it until the test's first heartbeat).</summary>
    private async Task<string> CreateNodeAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await fixture.Client.Nodes.CreateAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kept"] = "own" } },
        });
        return name;
    }

    /// <summary>What kubelet does every few seconds: post Ready with a fresh heartbeat and renew the Lease. Once, here.</summary>
    private async Task HeartbeatAsync(string name)
    {
        var now = DateTime.UtcNow;
        var node = (await fixture.Client.Nodes.GetAsync(name))!;
        node.Status = new V1NodeStatus
        {
            Conditions =
            [
                new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = now, LastTransitionTime = now },
                new V1NodeCondition { Type = "MemoryPressure", Status = "False", LastHeartbeatTime = now, LastTransitionTime = now },
                new V1NodeCondition { Type = "DiskPressure", Status = "False", LastHeartbeatTime = now, LastTransitionTime = now },
                new V1NodeCondition { Type = "PIDPressure", Status = "False", LastHeartbeatTime = now, LastTransitionTime = now },
            ],
        };
        await fixture.Client.Nodes.UpdateStatusAsync(node);
        var lease = await fixture.Client.Leases.GetAsync(name, "kube-node-lease");
        if (lease is null)
        {
            await fixture.Client.Leases.CreateAsync(new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-node-lease" },
                Spec = new V1LeaseSpec { HolderIdentity = name, LeaseDurationSeconds = 40, RenewTime = now },
            });
        }
        else
        {
            lease.Spec.RenewTime = now;
            await fixture.Client.Leases.UpdateAsync(lease);
        }
    }

    /// <summary>A pod bound to the node, tolerating unreachable for <paramref name="tolerationSeconds"/> (null: forever), made Ready as kubelet would.</summary>
    private async Task<string> RunPodAsync(string node, string name, long? tolerationSeconds)
    {
        var pod = await fixture.Client.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)], NamespaceProperty = "default" },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }],
                Tolerations = [new V1Toleration { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = tolerationSeconds }],
            },
        });
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = DateTime.UtcNow }],
        };
        await fixture.Client.Pods.UpdateStatusAsync(pod);
        return pod.Metadata.Name;
    }
}
