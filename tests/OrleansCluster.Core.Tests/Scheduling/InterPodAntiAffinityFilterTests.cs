using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class InterPodAntiAffinityFilterTests
{
    private const string Own = InterPodAntiAffinityFilter.ErrReasonAntiAffinityRulesNotMatch;
    private const string Existing = InterPodAntiAffinityFilter.ErrReasonExistingAntiAffinityRulesNotMatch;

    [Theory]
    [InlineData("web", "n1", "default", Own)]
    [InlineData("web", "n2", "default", null)]
    [InlineData("db", "n1", "default", null)]
    [InlineData("web", "n1", "other", null)]
    public void IncomingPodAvoidsSelectedPodsOnTheNode(string existingApp, string existingNode, string existingNamespace, string? expected)
    {
        var existing = Make.Pod("old", edit: p =>
        {
            p.Metadata.Label("app", existingApp);
            p.Metadata.NamespaceProperty = existingNamespace;
            p.Spec.NodeName = existingNode;
        });
        var pod = Make.Pod("p", edit: p => p.AvoidRequired("web"));
        Assert.Equal(expected, FilterRunner.Run(new InterPodAntiAffinityFilter(), pod, [Make.Node("n1"), Make.Node("n2")], existing));
    }

    [Theory]
    [InlineData("web", Existing)]
    [InlineData("db", null)]
    public void ExistingPodsAntiAffinityRepelsTheIncomingPod(string incomingApp, string? expected)
    {
        var existing = Make.Pod("old", edit: p =>
        {
            p.AvoidRequired("web");
            p.Spec.NodeName = "n1";
        });
        var pod = Make.Pod("p", edit: p => p.Metadata.Label("app", incomingApp));
        Assert.Equal(expected, FilterRunner.Run(new InterPodAntiAffinityFilter(), pod, Make.Node("n1"), existing));
    }

    [Fact]
    public void WiderTopologyBlocksTheWholeDomain()
    {
        var n1 = Make.Node("n1", edit: n => n.Metadata.Label("zone", "a"));
        var n2 = Make.Node("n2", edit: n => n.Metadata.Label("zone", "a"));
        var existing = Make.Pod("old", edit: p =>
        {
            p.Metadata.Label("app", "web");
            p.Spec.NodeName = "n2";
        });
        var pod = Make.Pod("p", edit: p => p.AvoidRequired("web", "zone"));
        Assert.Equal(Own, FilterRunner.Run(new InterPodAntiAffinityFilter(), pod, [n1, n2], existing));
    }

    [Fact]
    public void NodeWithoutTheTopologyLabelIsNotConstrained()
    {
        var existing = Make.Pod("old", edit: p =>
        {
            p.Metadata.Label("app", "web");
            p.Spec.NodeName = "n1";
        });
        var pod = Make.Pod("p", edit: p => p.AvoidRequired("web", "zone"));
        Assert.Null(FilterRunner.Run(new InterPodAntiAffinityFilter(), pod, Make.Node("n1"), existing));
    }
}
