using k8s.Models;
using OrleansCluster.Core.Controllers.Replicas;
using static OrleansCluster.Core.Tests.Controllers.ReplicaPods;

namespace OrleansCluster.Core.Tests.Controllers;

/// <summary>Each rule of Kubernetes' scale-down order, the first pod of each pair being the one deleted first.</summary>
public sealed class PodDeletionOrderTests
{
    public static TheoryData<string, V1Pod, V1Pod> Pairs => new()
    {
        { "unassigned before assigned", Pod("a", node: null, phase: "Running"), Pod("b", phase: "Pending", ready: false) },
        { "pending before unknown", Pod("a", phase: "Pending"), Pod("b", phase: "Unknown") },
        { "unknown before running", Pod("a", phase: "Unknown"), Pod("b", phase: "Running", ready: false) },
        { "not ready before ready", Pod("a", ready: false, restarts: 0), Pod("b", restarts: 9) },
        { "lower deletion cost first", Pod("a", cost: "-5", readySince: Now.AddDays(-9)), Pod("b", cost: "10", readySince: Now.AddSeconds(-1)) },
        { "ready for less time first", Pod("a", readySince: Now.AddSeconds(-10)), Pod("b", readySince: Now.AddHours(-2)) },
        { "more restarts first", Pod("a", restarts: 3, readySince: Now.AddMinutes(-30)), Pod("b", restarts: 1, readySince: Now.AddMinutes(-30)) },
        { "newer first", Pod("a", created: Now.AddMinutes(-1)), Pod("b", created: Now.AddDays(-1)) },
        { "a cost that is not a number counts as 0", Pod("a", cost: "x", readySince: Now.AddDays(-1)), Pod("b", cost: "1", readySince: Now.AddSeconds(-1)) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Deletes_first(string rule, V1Pod first, V1Pod second)
    {
        var order = new PodDeletionOrder([first, second], Now);
        Assert.True(order.Compare(first, second) < 0, rule);
        Assert.True(order.Compare(second, first) > 0, rule);
    }

    [Fact]
    public void Pods_doubled_up_on_a_node_go_before_a_pod_alone_on_its_node()
    {
        var crowded = new[] { Pod("a1", node: "n1"), Pod("a2", node: "n1") };
        var alone = Pod("b", node: "n2");
        var victim = Assert.Single(PodDeletionOrder.PickVictims([alone, .. crowded], 1, Now));
        Assert.Equal("n1", victim.Spec.NodeName);
    }

    [Fact]
    public void Pods_of_about_the_same_age_tie_and_are_ordered_by_uid_not_by_the_exact_time()
    {
        // 100 and 101 minutes are in the same power-of-two bucket of nanoseconds.
        var older = Pod("a", readySince: Now.AddMinutes(-101));
        var newer = Pod("b", readySince: Now.AddMinutes(-100));
        var order = new PodDeletionOrder([older, newer], Now);
        Assert.Equal(string.CompareOrdinal("uid-a", "uid-b") < 0, order.Compare(older, newer) < 0);
    }

    [Fact]
    public void The_order_is_total_and_consistent()
    {
        var random = new Random(7);
        var pods = Enumerable.Range(0, 60).Select(i => Pod(
            $"p{i}", phase: new[] { "Pending", "Running", "Unknown" }[random.Next(3)], ready: random.Next(2) == 0,
            node: random.Next(4) == 0 ? null : $"n{random.Next(3)}", readySince: Now.AddSeconds(-random.Next(1, 100_000)),
            created: Now.AddSeconds(-random.Next(1, 1_000_000)), restarts: random.Next(3),
            cost: random.Next(3) == 0 ? random.Next(-3, 3).ToString(System.Globalization.CultureInfo.InvariantCulture) : null)).ToList();
        var order = new PodDeletionOrder(pods, Now);
        foreach (var a in pods)
        {
            foreach (var b in pods)
            {
                Assert.Equal(Math.Sign(order.Compare(a, b)), -Math.Sign(order.Compare(b, a)));
            }
        }

        var sorted = pods.Order(order).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.True(order.Compare(sorted[i - 1], sorted[i]) <= 0);
        }
    }
}
