using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class SchedulerTests
{
    private static readonly Random Seeded = new(7);

    [Fact]
    public void NodeSelectorPicksTheLabelledNode()
    {
        var snapshot = Make.Snapshot(Make.Node("n1"), Make.Node("n2", edit: n => n.Metadata.Label("disk", "ssd")), Make.Node("n3"));
        var pod = Make.Pod("p", edit: p => p.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" });
        Assert.Equal("n2", NodeOf(Scheduler.Schedule(pod, snapshot, Seeded)));
    }

    [Fact]
    public void RequiredAndPreferredAffinity()
    {
        var snapshot = Make.Snapshot(
            Make.Node("n1", edit: n => n.Metadata.Label("zone", "a")),
            Make.Node("n2", edit: n => n.Metadata.Label("zone", "b")),
            Make.Node("n3", edit: n => n.Metadata.Label("zone", "c")));
        var pod = Make.Pod("p", edit: p =>
        {
            p.RequireNodeAffinity(Make.Expr("zone", "In", "a", "b"));
            p.PreferNodeAffinity(50, Make.Expr("zone", "In", "b"));
        });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("n2", NodeOf(Scheduler.Schedule(pod, snapshot, new Random(i))));
        }
    }

    [Fact]
    public void NoScheduleTaintKeepsPodsAwayUnlessTolerated()
    {
        var snapshot = Make.Snapshot(Make.Node("gpu", edit: n => n.Taint("dedicated", "gpu", "NoSchedule")), Make.Node("n2"));
        var plain = Make.Pod("p");
        var tolerant = Make.Pod("t", edit: p =>
        {
            p.Tolerate("dedicated", "Equal", "gpu", "NoSchedule");
            p.Spec.NodeSelector = new Dictionary<string, string> { [AffinityTerm.HostnameKey] = "gpu" };
        });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("n2", NodeOf(Scheduler.Schedule(plain, snapshot, new Random(i))));
        }

        Assert.Equal("gpu", NodeOf(Scheduler.Schedule(tolerant, snapshot, Seeded)));
    }

    [Fact]
    public void PreferNoScheduleTaintIsAvoidedButNotForbidden()
    {
        var soft = Make.Node("soft", edit: n => n.Taint("spot", "true", "PreferNoSchedule"));
        var snapshot = Make.Snapshot(soft, Make.Node("n2"));
        Assert.Equal("n2", NodeOf(Scheduler.Schedule(Make.Pod("p"), snapshot, Seeded)));

        var only = Make.Snapshot(Make.Node("soft", edit: n => n.Taint("spot", "true", "PreferNoSchedule")));
        Assert.Equal("soft", NodeOf(Scheduler.Schedule(Make.Pod("p"), only, Seeded)));

        // Tolerated, the taint no longer costs: the emptier node wins even though it is tainted.
        var busy = Make.Pod("old", "2", "4Gi", p => p.Spec.NodeName = "n2");
        var tolerating = Make.Pod("t", edit: p => p.Tolerate("spot", "Exists"));
        Assert.Equal("soft", NodeOf(Scheduler.Schedule(tolerating, ClusterSnapshot.Create([soft, Make.Node("n2")], [busy]), Seeded)));
    }

    [Fact]
    public void ResourceExhaustionAcrossThreeNodes()
    {
        var snapshot = Make.Snapshot(Make.Node("n1", cpu: "2"), Make.Node("n2", cpu: "2"), Make.Node("n3", cpu: "2"));
        var placed = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var pod = Make.Pod($"p{i}", "1");
            var node = NodeOf(Scheduler.Schedule(pod, snapshot, Seeded));
            Assert.True(snapshot.Assume(pod, node));
            placed.Add(node);
        }

        Assert.Equal(["n1", "n1", "n2", "n2", "n3", "n3"], placed.Order());
        var result = Assert.IsType<Unschedulable>(Scheduler.Schedule(Make.Pod("p6", "1"), snapshot, Seeded));
        Assert.Equal(
            "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            result.Message);
    }

    [Fact]
    public void AntiAffinitySpreadsThreeReplicasAndRejectsAFourth()
    {
        var snapshot = Make.Snapshot(Make.Node("n1"), Make.Node("n2"), Make.Node("n3"));
        V1Pod Replica(int i) => Make.Pod($"web-{i}", edit: p =>
        {
            p.Metadata.Label("app", "web");
            p.AvoidRequired("web");
        });
        var used = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var pod = Replica(i);
            var node = NodeOf(Scheduler.Schedule(pod, snapshot, new Random(i)));
            Assert.True(used.Add(node));
            snapshot.Assume(pod, node);
        }

        var fourth = Assert.IsType<Unschedulable>(Scheduler.Schedule(Replica(3), snapshot, Seeded));
        Assert.Equal(
            "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            fourth.Message);
    }

    [Fact]
    public void ReplicasSpreadWithoutAntiAffinity()
    {
        var snapshot = Make.Snapshot(Make.Node("n1"), Make.Node("n2"), Make.Node("n3"));
        var perNode = new Dictionary<string, int>();
        for (var i = 0; i < 9; i++)
        {
            var pod = Make.Pod($"web-{i}", "10m", "10Mi", p => p.OwnedBy("rs-web"));
            var node = NodeOf(Scheduler.Schedule(pod, snapshot, new Random(i)));
            snapshot.Assume(pod, node);
            perNode[node] = perNode.GetValueOrDefault(node) + 1;
        }

        Assert.Equal([3, 3, 3], perNode.Values);
    }

    [Fact]
    public void UnschedulableMessageCountsEachNodesFirstFailingFilter()
    {
        var snapshot = Make.Snapshot(
            Make.Node("n1", cpu: "1", edit: n => n.Metadata.Label("disk", "ssd")),
            Make.Node("n2"),
            Make.Node("n3", edit: n => n.Taint("dedicated", "gpu", "NoSchedule")));
        var pod = Make.Pod("p", "2", edit: p => p.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" });
        var result = Assert.IsType<Unschedulable>(Scheduler.Schedule(pod, snapshot, Seeded));
        Assert.Equal(
            "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. "
            + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
            result.Message);
        Assert.Equal(1, result.Reasons["Insufficient cpu"]);
    }

    [Fact]
    public void MessageSortsCountsAsText()
    {
        var reasons = new Dictionary<string, int> { ["Insufficient memory"] = 2, ["Insufficient cpu"] = 10 };
        Assert.Equal(
            "0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory. preemption: 0/12 nodes are available: 12 No preemption victims found for incoming pod.",
            FitError.Message(12, reasons, resolvableNodes: 12, preemptionPolicy: null));
        Assert.EndsWith(
            "preemption: not eligible due to preemptionPolicy=Never.",
            FitError.Message(12, reasons, resolvableNodes: 12, preemptionPolicy: "Never"));
    }

    [Fact]
    public void OneNodeShortOfBothCpuAndMemoryCountsForEach()
    {
        var snapshot = Make.Snapshot(Make.Node("n1"));
        var result = Assert.IsType<Unschedulable>(Scheduler.Schedule(Make.Pod("p", "5", "9Gi"), snapshot, Seeded));
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.", result.Message);
    }

    [Fact]
    public void NoNodes()
    {
        var result = Assert.IsType<Unschedulable>(Scheduler.Schedule(Make.Pod("p"), Make.Snapshot(), Seeded));
        Assert.Equal("no nodes available to schedule pods", result.Message);
    }

    [Fact]
    public void ScoresAreReportedPerPlugin()
    {
        var scheduled = Assert.IsType<Scheduled>(Scheduler.Schedule(Make.Pod("p"), Make.Snapshot(Make.Node("n1"), Make.Node("n2")), Seeded));
        Assert.Equal(2, scheduled.FeasibleNodes);
        Assert.Equal(300, scheduled.Scores["TaintToleration"]);
        Assert.Equal(scheduled.Scores.Values.Sum(), scheduled.TotalScore);
    }

    [Fact]
    public void ForgetFreesTheNode()
    {
        var snapshot = Make.Snapshot(Make.Node("n1", cpu: "1"));
        var pod = Make.Pod("p", "1");
        snapshot.Assume(pod, "n1");
        Assert.IsType<Unschedulable>(Scheduler.Schedule(Make.Pod("q", "1"), snapshot, Seeded));
        Assert.True(snapshot.Forget(pod));
        Assert.Equal("n1", NodeOf(Scheduler.Schedule(Make.Pod("q", "1"), snapshot, Seeded)));
    }

    private static string NodeOf(ScheduleResult result) => Assert.IsType<Scheduled>(result).NodeName;
}
