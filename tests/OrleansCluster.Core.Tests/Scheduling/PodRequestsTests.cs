using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class PodRequestsTests
{
    [Fact]
    public void ContainersAddUp()
    {
        var spec = Spec(containers: [C("100m", "1Mi"), C("250m", "2Mi")]);
        var requests = PodRequests.Compute(spec);
        Assert.Equal(350, requests.MilliCpu);
        Assert.Equal(3L * 1024 * 1024, requests.Bytes);
    }

    [Fact]
    public void InitContainersCountAtTheirPeak()
    {
        var spec = Spec(containers: [C("100m", "1Mi")], init: [C("500m", "1Mi"), C("200m", "4Mi")]);
        var requests = PodRequests.Compute(spec);
        Assert.Equal(500, requests.MilliCpu);
        Assert.Equal(4L * 1024 * 1024, requests.Bytes);
    }

    [Fact]
    public void SidecarsAddToContainersAndToLaterInitContainers()
    {
        var sidecar = C("100m", "1Mi");
        sidecar.RestartPolicy = "Always";
        var spec = Spec(containers: [C("100m", "1Mi")], init: [sidecar, C("300m", "1Mi")]);
        // Later init container runs beside the sidecar: 400m; the pod's life: 200m.
        Assert.Equal(400, PodRequests.Compute(spec).MilliCpu);
    }

    [Fact]
    public void OverheadIsAdded()
    {
        var spec = Spec(containers: [C("100m", null)]);
        spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m") };
        Assert.Equal(150, PodRequests.Compute(spec).MilliCpu);
    }

    [Fact]
    public void NonZeroDefaultsOnlyForScoring()
    {
        var spec = Spec(containers: [C(null, null), C("1", null)]);
        Assert.Equal(1000, PodRequests.Compute(spec).MilliCpu);
        Assert.Equal(0, PodRequests.Compute(spec).Bytes);
        Assert.Equal(1100, PodRequests.ComputeNonZero(spec).MilliCpu);
        Assert.Equal(2 * PodRequests.DefaultMemory, PodRequests.ComputeNonZero(spec).Bytes);
    }

    [Fact]
    public void FractionsRoundUp()
    {
        Assert.Equal(1, PodRequests.Compute(Spec(containers: [C("0.0001", null)])).MilliCpu);
    }

    private static V1PodSpec Spec(V1Container[] containers, V1Container[]? init = null) =>
        new() { Containers = containers, InitContainers = init };

    private static V1Container C(string? cpu, string? memory)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = requests } };
    }
}
