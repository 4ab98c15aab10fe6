using System.Globalization;
using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

/// <summary>Random clusters and pods (seeded): the scheduler's choice always passes every filter, and it gives up only when no node does.</summary>
public sealed class SchedulerPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ChoiceIsFeasibleAndUnschedulableMeansNoNodeFits(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var nodes = Enumerable.Range(0, random.Next(1, 8)).Select(i => RandomNode(random, i)).ToArray();
            var existing = Enumerable.Range(0, random.Next(0, 12)).Select(i => RandomPod(random, $"old{i}", nodes)).ToArray();
            var snapshot = ClusterSnapshot.Create(nodes, existing);
            var pod = RandomPod(random, "p", nodes: null);
            var feasible = snapshot.Nodes.Where(n => PassesAll(pod, n, snapshot)).Select(n => n.Name).ToList();
            switch (Scheduler.Schedule(pod, snapshot, random))
            {
                case Scheduled s:
                    Assert.Contains(s.NodeName, feasible);
                    break;
                case Unschedulable u:
                    Assert.Empty(feasible);
                    Assert.StartsWith($"0/{nodes.Length} nodes are available: ", u.Message);
                    break;
            }
        }
    }

    private static bool PassesAll(V1Pod pod, NodeInfo node, ClusterSnapshot snapshot)
    {
        var info = PodInfo.Create(pod);
        return SchedulerProfile.Default.Filters.All(f => f.Filter(info, node, f.PreFilter(info, snapshot)) is null);
    }

    private static V1Node RandomNode(Random random, int i) => Make.Node($"n{i}", cpu: random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
        memory: $"{random.Next(1, 5)}Gi", pods: random.Next(1, 6), edit: n =>
        {
            n.Metadata.Label("zone", Pick(random, "a", "b"));
            if (random.Next(4) == 0)
            {
                n.Taint("dedicated", Pick(random, "gpu", "db"), Pick(random, "NoSchedule", "PreferNoSchedule", "NoExecute"));
            }

            n.Spec.Unschedulable = random.Next(8) == 0;
            if (random.Next(8) == 0)
            {
                n.Status.Conditions[0].Status = "False";
            }
        });

    private static V1Pod RandomPod(Random random, string name, V1Node[]? nodes) =>
        Make.Pod(name, $"{random.Next(0, 1500)}m", $"{random.Next(0, 1024)}Mi", p =>
        {
            p.Metadata.Label("app", Pick(random, "web", "db"));
            if (nodes is not null)
            {
                p.Spec.NodeName = nodes[random.Next(nodes.Length)].Metadata.Name;
            }

            if (random.Next(3) == 0)
            {
                p.AvoidRequired(Pick(random, "web", "db"), Pick(random, AffinityTerm.HostnameKey, "zone"));
            }

            if (random.Next(3) == 0)
            {
                p.Spec.NodeSelector = new Dictionary<string, string> { ["zone"] = Pick(random, "a", "b") };
            }

            if (random.Next(3) == 0)
            {
                p.Tolerate("dedicated", Pick(random, "Exists", "Equal"), "gpu");
            }
        });

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
