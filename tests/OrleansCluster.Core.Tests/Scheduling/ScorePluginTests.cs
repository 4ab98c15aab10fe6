using k8s.Models;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class ScorePluginTests
{
    [Fact]
    public void LeastAllocatedPrefersTheEmptierNode()
    {
        var busy = Make.Pod("old", "2", "4Gi", p => p.Spec.NodeName = "n1");
        var scores = Run(new LeastAllocatedScore(), Make.Pod("p", "1", "2Gi"), [Make.Node("n1"), Make.Node("n2")], busy);
        // n1: cpu (4-3)/4=25, memory (8-6)/8=25; n2: cpu 75, memory 75.
        Assert.Equal([25L, 75L], scores);
    }

    [Fact]
    public void LeastAllocatedCountsDefaultsForPodsWithoutRequests()
    {
        var scores = Run(new LeastAllocatedScore(), Make.Pod("p"), [Make.Node("n1", cpu: "1", memory: "1Gi")]);
        // cpu (1000-100)/1000 = 90, memory (1024-200)/1024 = 80 (integer division).
        Assert.Equal([85L], scores);
    }

    [Fact]
    public void NodeAffinityScoresMatchingWeightsScaledToTheBest()
    {
        var pod = Make.Pod("p", edit: p =>
        {
            p.PreferNodeAffinity(20, Make.Expr("disk", "In", "ssd"));
            p.PreferNodeAffinity(60, Make.Expr("zone", "In", "a"));
        });
        var scores = Run(new NodeAffinityScore(), pod, [Labelled("n1", "disk", "ssd"), Labelled("n2", "zone", "a"), Make.Node("n3")]);
        Assert.Equal([33L, 100L, 0L], scores);
    }

    [Fact]
    public void TaintTolerationPrefersFewerIntolerablePreferNoScheduleTaints()
    {
        var two = Make.Node("n1", edit: n =>
        {
            n.Taint("a", "1", "PreferNoSchedule");
            n.Taint("b", "1", "PreferNoSchedule");
        });
        var one = Make.Node("n2", edit: n => n.Taint("a", "1", "PreferNoSchedule"));
        var tolerated = Make.Node("n3", edit: n => n.Taint("c", "1", "PreferNoSchedule"));
        var pod = Make.Pod("p", edit: p => p.Tolerate("c", "Exists"));
        Assert.Equal([0L, 50L, 100L, 100L], Run(new TaintTolerationScore(), pod, [two, one, tolerated, Make.Node("n4")]));
    }

    [Fact]
    public void SelectorSpreadPrefersNodesWithFewerPodsOfTheSameOwner()
    {
        V1Pod Sibling(string name, string node) => Make.Pod(name, edit: p => (p.Spec.NodeName, _) = (node, Own(p)));
        var stranger = Make.Pod("x", edit: p => p.Spec.NodeName = "n3");
        var pods = new[] { Sibling("a", "n1"), Sibling("b", "n1"), Sibling("c", "n2"), stranger };
        var scores = Run(new SelectorSpreadScore(), Make.Pod("p", edit: p => Own(p)), [Make.Node("n1"), Make.Node("n2"), Make.Node("n3")], pods);
        Assert.Equal([0L, 50L, 100L], scores);
    }

    [Fact]
    public void SelectorSpreadWithoutOwnerUsesIdenticalLabels()
    {
        var same = Make.Pod("a", edit: p => (p.Spec.NodeName, _) = ("n1", Label(p, "app", "web")));
        var other = Make.Pod("b", edit: p => (p.Spec.NodeName, _) = ("n2", Label(p, "app", "db")));
        var pod = Make.Pod("p", edit: p => Label(p, "app", "web"));
        Assert.Equal([0L, 100L], Run(new SelectorSpreadScore(), pod, [Make.Node("n1"), Make.Node("n2")], same, other));
    }

    [Fact]
    public void PreferredAntiAffinityPenalisesSelectedPodsByWeight()
    {
        V1Pod Web(string name, string node) => Make.Pod(name, edit: p => (p.Spec.NodeName, _) = (node, Label(p, "app", "web")));
        var pod = Make.Pod("p", edit: p => p.AvoidPreferred("web", 10));
        var scores = Run(new InterPodAntiAffinityScore(), pod, [Make.Node("n1"), Make.Node("n2"), Make.Node("n3")], Web("a", "n1"), Web("b", "n1"), Web("c", "n2"));
        Assert.Equal([0L, 50L, 100L], scores);
    }

    [Fact]
    public void PreferredAntiAffinityOverAZone()
    {
        var nodes = new[] { Labelled("n1", "zone", "a"), Labelled("n2", "zone", "a"), Labelled("n3", "zone", "b") };
        var web = Make.Pod("a", edit: p => (p.Spec.NodeName, _) = ("n1", Label(p, "app", "web")));
        var pod = Make.Pod("p", edit: p => p.AvoidPreferred("web", 5, "zone"));
        Assert.Equal([0L, 0L, 100L], Run(new InterPodAntiAffinityScore(), pod, nodes, web));
    }

    private static long[] Run(IScorePlugin plugin, V1Pod pod, V1Node[] nodes, params V1Pod[] existing)
    {
        var snapshot = ClusterSnapshot.Create(nodes, existing);
        var info = PodInfo.Create(pod);
        var state = plugin.PreScore(info, snapshot);
        var scores = snapshot.Nodes.Select(n => plugin.Score(info, n, state)).ToArray();
        plugin.Normalize(scores);
        return scores;
    }

    private static V1Node Labelled(string name, string key, string value) => Make.Node(name, edit: n => n.Metadata.Label(key, value));

    private static bool Own(V1Pod pod)
    {
        pod.OwnedBy("rs-1");
        return true;
    }

    private static bool Label(V1Pod pod, string key, string value)
    {
        pod.Metadata.Label(key, value);
        return true;
    }
}
