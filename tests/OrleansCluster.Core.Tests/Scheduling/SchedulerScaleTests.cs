using System.Diagnostics;
using k8s.Models;
using OrleansCluster.Core.Scheduling;
using Xunit.Abstractions;

namespace OrleansCluster.Core.Tests.Scheduling;

/// <summary>2,000 pods onto 1,000 nodes against one snapshot: checks correctness only and prints the time (not a benchmark).</summary>
public sealed class SchedulerScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoThousandPodsOnAThousandNodes()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => Make.Node($"n{i:D4}", cpu: "2", memory: "4Gi", pods: 110, edit: n =>
        {
            n.Metadata.Label("zone", $"z{i % 3}");
            if (i % 10 == 0)
            {
                n.Taint("dedicated", "infra", "NoSchedule");
            }
        })).ToArray();
        var snapshot = ClusterSnapshot.Create(nodes, []);
        var pods = Enumerable.Range(0, 2000).Select(i => Make.Pod($"p{i}", "500m", "512Mi", p =>
        {
            p.OwnedBy($"rs-{i % 20}");
            p.Metadata.Label("app", $"app-{i % 20}");
            if (i % 4 == 0)
            {
                p.Spec.NodeSelector = new Dictionary<string, string> { ["zone"] = "z1" };
            }
        })).ToArray();
        var random = new Random(42);

        var clock = Stopwatch.StartNew();
        var placements = new List<(V1Pod Pod, string Node)>();
        foreach (var pod in pods)
        {
            var node = Assert.IsType<Scheduled>(Scheduler.Schedule(pod, snapshot, random)).NodeName;
            snapshot.Assume(pod, node);
            placements.Add((pod, node));
        }

        clock.Stop();
        output.WriteLine($"scheduled {pods.Length} pods on {nodes.Length} nodes in {clock.Elapsed.TotalMilliseconds:F0} ms "
            + $"({clock.Elapsed.TotalMilliseconds * 1000 / pods.Length:F0} µs per pod)");

        foreach (var (pod, nodeName) in placements)
        {
            var node = snapshot.GetNode(nodeName)!;
            Assert.Null(node.Node.Spec.Taints?.FirstOrDefault());
            if (pod.Spec.NodeSelector is { } selector)
            {
                Assert.Equal(selector["zone"], node.Labels["zone"]);
            }
        }

        foreach (var node in snapshot.Nodes)
        {
            Assert.True(node.Requested.MilliCpu <= node.Allocatable.MilliCpu, node.Name);
            Assert.True(node.Requested.Bytes <= node.Allocatable.Bytes, node.Name);
            Assert.True(node.Pods.Count <= node.AllowedPods, node.Name);
        }
    }
}
