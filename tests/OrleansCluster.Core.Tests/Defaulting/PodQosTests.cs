using k8s.Models;
using OrleansCluster.Core.Defaulting;

namespace OrleansCluster.Core.Tests.Defaulting;

public sealed class PodQosTests
{
    // Each container is "requests|limits", each side "cpu,memory" with "-" for unset.
    [Theory]
    [InlineData("BestEffort", "-,-|-,-")]
    [InlineData("BestEffort", "0,0|-,-")]
    [InlineData("Guaranteed", "1,1Gi|1,1Gi")]
    [InlineData("Guaranteed", "1,1Gi|1,1Gi", "500m,64Mi|500m,64Mi")]
    [InlineData("Burstable", "500m,1Gi|1,1Gi")]
    [InlineData("Burstable", "1,-|1,-")]
    [InlineData("Burstable", "-,1Gi|-,-")]
    [InlineData("Burstable", "1,1Gi|1,1Gi", "-,-|-,-")]
    [InlineData("Burstable", "-,-|1,1Gi", "-,-|1,-")]
    public void Qos_class(string expected, params string[] containers)
    {
        var spec = new V1PodSpec { Containers = containers.Select((c, i) => Container(i, c)).ToList() };

        Assert.Equal(expected, PodQos.Compute(spec));
    }

    [Fact]
    public void Init_containers_count()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container(0, "1,1Gi|1,1Gi")],
            InitContainers = [Container(1, "100m,-|-,-")],
        };

        Assert.Equal(PodQos.Burstable, PodQos.Compute(spec));
    }

    [Fact]
    public void Qos_is_computed_after_limits_are_copied_to_requests()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default" },
            Spec = new V1PodSpec { Containers = [Container(0, "-,-|1,1Gi")] },
        };

        PodDefaulter.ApplyCreate(pod);

        Assert.Equal(PodQos.Guaranteed, pod.Status.QosClass);
    }

    private static V1Container Container(int index, string text)
    {
        var sides = text.Split('|');
        return new V1Container
        {
            Name = $"c{index}",
            Image = "nginx",
            Resources = new V1ResourceRequirements { Requests = Amounts(sides[0]), Limits = Amounts(sides[1]) },
        };
    }

    private static Dictionary<string, ResourceQuantity>? Amounts(string side)
    {
        var parts = side.Split(',');
        var amounts = new Dictionary<string, ResourceQuantity>();
        if (parts[0] != "-")
        {
            amounts["cpu"] = new ResourceQuantity(parts[0]);
        }

        if (parts[1] != "-")
        {
            amounts["memory"] = new ResourceQuantity(parts[1]);
        }

        return amounts.Count == 0 ? null : amounts;
    }
}
