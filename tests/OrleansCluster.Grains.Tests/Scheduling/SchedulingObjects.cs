using k8s.Models;

namespace OrleansCluster.Grains.Tests.Scheduling;

/// <summary>Nodes and pods for scheduling tests. Every test labels its nodes and selects them, so tests sharing a cluster never meet.</summary>
internal static class SchedulingObjects
{
    public const string TestLabel = "scheduling-test";

    public static V1Node Node(
        string test, string name, IDictionary<string, string>? labels = null, string cpu = "4", IList<V1Taint>? taints = null)
    {
        var all = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [TestLabel] = test };
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = all },
            Spec = new V1NodeSpec { Taints = taints },
            Status = new V1NodeStatus
            {
                Allocatable = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(cpu),
                    ["memory"] = new("8Gi"),
                    ["pods"] = new("110"),
                },
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            },
        };
    }

    public static V1Pod Pod(string test, string ns, string name, string? cpu = null, IDictionary<string, string>? nodeSelector = null)
    {
        var selector = new Dictionary<string, string>(nodeSelector ?? new Dictionary<string, string>()) { [TestLabel] = test };
        var container = new V1Container { Name = "main", Image = "busybox:1.36" };
        if (cpu is not null)
        {
            container.Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } };
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1PodSpec { Containers = [container], NodeSelector = selector },
        };
    }
}

/// <summary>The in-process cluster with the scheduler running.</summary>
public sealed class SchedulingClusterFixture() : ClusterFixture(scheduler: true);
