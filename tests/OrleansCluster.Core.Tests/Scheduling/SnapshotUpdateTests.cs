using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

/// <summary>A snapshot kept alive from watch events: nodes replaced or removed without losing count of their pods.</summary>
public sealed class SnapshotUpdateTests
{
    [Fact]
    public void Replacing_a_node_keeps_the_pods_counted_against_it()
    {
        var snapshot = ClusterSnapshot.Create([Make.Node("n1", cpu: "2")], []);
        var pod = PodInfo.Create(Make.Pod("p", cpu: "1500m"));
        snapshot.Assume(pod, "n1");

        var updated = snapshot.SetNode(Make.Node("n1", cpu: "4", edit: n => n.Metadata.Label("zone", "a")));

        Assert.Same(updated, snapshot.GetNode("n1"));
        Assert.Equal(1500, updated.Requested.MilliCpu);
        Assert.Equal(4000, updated.Allocatable.MilliCpu);
        Assert.Equal("n1", snapshot.PlacementOf(pod.Key));
        Assert.Single(snapshot.Nodes);
    }

    [Fact]
    public void Removing_a_node_forgets_its_pods_and_forgetting_frees_resources()
    {
        var snapshot = ClusterSnapshot.Create([Make.Node("n1"), Make.Node("n2")], []);
        var a = PodInfo.Create(Make.Pod("a", cpu: "1"));
        var b = PodInfo.Create(Make.Pod("b", cpu: "1"));
        snapshot.Assume(a, "n1");
        snapshot.Assume(b, "n2");

        Assert.True(snapshot.RemoveNode("n1"));
        Assert.True(snapshot.Forget(b.Key));

        Assert.Null(snapshot.PlacementOf(a.Key));
        Assert.Empty(snapshot.PlacedPodKeys);
        Assert.Equal(0, snapshot.GetNode("n2")!.Requested.MilliCpu);
        Assert.False(snapshot.Assume(a, "n1"));
    }
}
