using k8s.Models;
using OrleansCluster.Core.Controllers.NodeLifecycle;
using static OrleansCluster.Core.Controllers.NodeLifecycle.NodeLifecyclePlanner;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class NodeLifecyclePlannerTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static V1Node Node(string ready = "True", DateTime? heartbeat = null, params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = "n1" },
        Spec = new V1NodeSpec { Taints = taints.Length == 0 ? null : taints.ToList() },
        Status = new V1NodeStatus
        {
            Conditions =
            [
                new V1NodeCondition { Type = "Ready", Status = ready, LastHeartbeatTime = heartbeat ?? Now.AddSeconds(-60), LastTransitionTime = Now.AddHours(-1) },
                new V1NodeCondition { Type = "MemoryPressure", Status = "False" },
                new V1NodeCondition { Type = "NetworkUnavailable", Status = "False" },
            ],
        },
    };

    private static V1Lease Lease(DateTime renewed) => new() { Spec = new V1LeaseSpec { RenewTime = renewed } };

    private static V1Pod Pod(string name, long? tolerationSeconds = null, bool tolerates = false, bool ready = true) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = $"uid-{name}" },
        Spec = new V1PodSpec
        {
            NodeName = "n1",
            Tolerations = tolerates || tolerationSeconds is not null
                ? [new V1Toleration { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = tolerationSeconds }]
                : null,
        },
        Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    [Fact]
    public void A_node_heard_from_within_the_grace_period_is_left_alone_until_it_would_be_overdue()
    {
        var plan = Plan(Node(), Lease(Now.AddSeconds(-2)), [Pod("a")], Grace, Now);
        Assert.Null(plan.Conditions);
        Assert.Null(plan.Taints);
        Assert.Empty(plan.Evict);
        Assert.Empty(plan.MarkNotReady);
        Assert.Equal(TimeSpan.FromSeconds(3), plan.RequeueAfter);
    }

    [Fact]
    public void A_silent_node_becomes_Unknown_is_tainted_unreachable_and_its_pods_leave_as_their_tolerations_allow()
    {
        var plan = Plan(Node(), Lease(Now.AddSeconds(-6)), [Pod("intolerant"), Pod("five-minutes", tolerationSeconds: 300), Pod("forever", tolerates: true)], Grace, Now);

        Assert.All(plan.Conditions!.Where(c => c.Type is "Ready" or "MemoryPressure"), c =>
            Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (c.Status, c.Reason, c.Message)));
        Assert.Contains(plan.Conditions!, c => c.Type == "NetworkUnavailable" && c.Status == "False");
        Assert.Equal(Now, plan.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal([(Unreachable, "NoSchedule", Now), (Unreachable, "NoExecute", Now)],
            plan.Taints!.Select(t => (t.Key, t.Effect, t.TimeAdded!.Value)));
        Assert.Equal(["intolerant"], plan.Evict.Select(e => e.Name));
        Assert.Equal(["five-minutes", "forever"], plan.MarkNotReady.Select(p => p.Metadata.Name));
        Assert.Equal(TimeSpan.FromSeconds(300), plan.RequeueAfter);
    }

    [Fact]
    public void A_toleration_runs_from_when_the_taint_was_added()
    {
        var node = Node("Unknown", null,
            new V1Taint { Key = Unreachable, Effect = "NoSchedule", TimeAdded = Now.AddSeconds(-10) },
            new V1Taint { Key = Unreachable, Effect = "NoExecute", TimeAdded = Now.AddSeconds(-10) });

        var plan = Plan(node, null, [Pod("short", tolerationSeconds: 5), Pod("long", tolerationSeconds: 30)], Grace, Now);

        Assert.Null(plan.Conditions);
        Assert.Null(plan.Taints);
        Assert.Equal(["short"], plan.Evict.Select(e => e.Name));
        Assert.Equal(TimeSpan.FromSeconds(20), plan.RequeueAfter);
    }

    [Fact]
    public void A_node_Ready_again_loses_the_readiness_taints_and_keeps_its_own()
    {
        var own = new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };
        var node = Node("True", Now, own, new V1Taint { Key = Unreachable, Effect = "NoExecute", TimeAdded = Now.AddMinutes(-1) });

        var plan = Plan(node, Lease(Now), [Pod("a")], Grace, Now);

        Assert.Equal([own], plan.Taints!);
        Assert.Empty(plan.Evict);
        Assert.Empty(plan.MarkNotReady);
    }

    [Fact]
    public void A_node_that_reports_not_ready_is_tainted_not_ready()
    {
        var plan = Plan(Node("False", Now), Lease(Now), [Pod("a")], Grace, Now);
        Assert.Null(plan.Conditions);
        Assert.Equal([(NotReady, "NoSchedule"), (NotReady, "NoExecute")], plan.Taints!.Select(t => (t.Key, t.Effect)));
        Assert.Equal(["a"], plan.Evict.Select(e => e.Name));
    }

    [Fact]
    public void A_node_never_heard_from_waits_the_startup_grace_from_its_creation_then_is_reported_never_updated()
    {
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "n1", CreationTimestamp = Now.AddSeconds(-30) }, Status = new V1NodeStatus() };
        var startup = TimeSpan.FromSeconds(60);

        var early = Plan(node, null, [Pod("a")], Grace, Now, startup);
        Assert.Null(early.Conditions);
        Assert.Null(early.Taints);
        Assert.Empty(early.Evict);
        Assert.Empty(early.MarkNotReady);
        Assert.Equal(TimeSpan.FromSeconds(30), early.RequeueAfter);

        var late = Plan(node, null, [Pod("a")], Grace, Now.AddSeconds(31), startup);
        Assert.All(late.Conditions!, c =>
            Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (c.Status, c.Reason, c.Message)));
        Assert.Equal([(Unreachable, "NoSchedule"), (Unreachable, "NoExecute")], late.Taints!.Select(t => (t.Key, t.Effect)));
    }

    [Fact]
    public void A_cordoned_node_carries_the_unschedulable_taint_until_uncordoned()
    {
        var node = Node("True", Now);
        node.Spec.Unschedulable = true;
        var cordoned = Plan(node, Lease(Now), [Pod("a")], Grace, Now);
        Assert.Equal([(Unschedulable, "NoSchedule", Now)], cordoned.Taints!.Select(t => (t.Key, t.Effect, t.TimeAdded!.Value)));
        Assert.Empty(cordoned.Evict);

        node.Spec.Taints = cordoned.Taints;
        Assert.Null(Plan(node, Lease(Now), [Pod("a")], Grace, Now.AddSeconds(1)).Taints);

        node.Spec.Unschedulable = false;
        Assert.Empty(Plan(node, Lease(Now), [Pod("a")], Grace, Now.AddSeconds(1)).Taints!);
    }
}
