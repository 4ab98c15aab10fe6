using k8s.Models;
using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class NodeResourcesFitFilterTests
{
    [Theory]
    [InlineData("1", "1Gi", null)]
    [InlineData("3", "1Gi", null)]
    [InlineData("3001m", "1Gi", "Insufficient cpu")]
    [InlineData("1", "7Gi", "Insufficient memory")]
    [InlineData("4", "8Gi", "Insufficient cpu; Insufficient memory")]
    public void CpuAndMemoryAgainstWhatIsLeft(string cpu, string memory, string? expected)
    {
        // 4 cpu / 8Gi allocatable, 1 cpu / 2Gi already requested.
        var existing = Make.Pod("old", "1", "2Gi", p => p.Spec.NodeName = "n1");
        Assert.Equal(expected, FilterRunner.Run(new NodeResourcesFitFilter(), Make.Pod("p", cpu, memory), Make.Node("n1"), existing));
    }

    [Fact]
    public void PodCount()
    {
        var node = Make.Node("n1", pods: 1);
        var existing = Make.Pod("old", edit: p => p.Spec.NodeName = "n1");
        Assert.Null(FilterRunner.Run(new NodeResourcesFitFilter(), Make.Pod("p"), node));
        Assert.Equal("Too many pods", FilterRunner.Run(new NodeResourcesFitFilter(), Make.Pod("p"), node, existing));
    }

    [Fact]
    public void FinishedPodsFreeTheirRequests()
    {
        var done = Make.Pod("old", "4", edit: p => (p.Spec.NodeName, p.Status) = ("n1", new V1PodStatus { Phase = "Succeeded" }));
        Assert.Null(FilterRunner.Run(new NodeResourcesFitFilter(), Make.Pod("p", "4"), Make.Node("n1"), done));
    }

    [Fact]
    public void NominatedPodsCount()
    {
        var nominated = Make.Pod("old", "4", edit: p => p.Status = new V1PodStatus { NominatedNodeName = "n1" });
        Assert.Equal("Insufficient cpu", FilterRunner.Run(new NodeResourcesFitFilter(), Make.Pod("p", "1"), Make.Node("n1"), nominated));
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, "Insufficient example.com/gpu")]
    public void ExtendedResources(int gpus, string? expected)
    {
        var node = Make.Node("n1", edit: n => n.Status.Allocatable["example.com/gpu"] = new ResourceQuantity("2"));
        var pod = Make.Pod("p", edit: p => p.Spec.Containers[0].Resources.Requests["example.com/gpu"] = new ResourceQuantity(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, FilterRunner.Run(new NodeResourcesFitFilter(), pod, node));
    }

    [Fact]
    public void ExtendedResourceTheNodeLacks()
    {
        var pod = Make.Pod("p", edit: p => p.Spec.Containers[0].Resources.Requests["example.com/fpga"] = new ResourceQuantity("1"));
        Assert.Equal("Insufficient example.com/fpga", FilterRunner.Run(new NodeResourcesFitFilter(), pod, Make.Node("n1")));
    }

    [Fact]
    public void OverheadCounts()
    {
        var pod = Make.Pod("p", "4", edit: p => p.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m") });
        Assert.Equal("Insufficient cpu", FilterRunner.Run(new NodeResourcesFitFilter(), pod, Make.Node("n1")));
    }
}
