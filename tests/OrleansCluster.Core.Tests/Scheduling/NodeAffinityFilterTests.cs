using k8s.Models;
using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class NodeAffinityFilterTests
{
    private const string Mismatch = NodeAffinityFilter.ErrReasonPod;

    [Theory]
    [InlineData("disk", "ssd", true)]
    [InlineData("disk", "hdd", false)]
    [InlineData("zone", "a", false)]
    public void NodeSelector(string key, string value, bool fits)
    {
        var pod = Make.Pod("p", edit: p => p.Spec.NodeSelector = new Dictionary<string, string> { [key] = value });
        Assert.Equal(fits ? null : Mismatch, FilterRunner.Run(new NodeAffinityFilter(), pod, SsdNode()));
    }

    public static TheoryData<string, string, string[], bool> Expressions => new()
    {
        { "disk", "In", ["ssd", "nvme"], true },
        { "disk", "In", ["hdd"], false },
        { "disk", "NotIn", ["hdd"], true },
        { "disk", "NotIn", ["ssd"], false },
        { "zone", "NotIn", ["a"], true },
        { "disk", "Exists", [], true },
        { "zone", "Exists", [], false },
        { "zone", "DoesNotExist", [], true },
        { "disk", "DoesNotExist", [], false },
        { "cores", "Gt", ["8"], true },
        { "cores", "Gt", ["16"], false },
        { "cores", "Lt", ["32"], true },
        { "cores", "Lt", ["16"], false },
        { "disk", "Gt", ["1"], false },
        { "cores", "Gt", ["x"], false },
        { "disk", "Bogus", ["ssd"], false },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void RequiredExpression(string key, string op, string[] values, bool fits)
    {
        var pod = Make.Pod("p", edit: p => p.RequireNodeAffinity(Make.Expr(key, op, values)));
        Assert.Equal(fits ? null : Mismatch, FilterRunner.Run(new NodeAffinityFilter(), pod, SsdNode()));
    }

    [Fact]
    public void TermsAreOredAndRequirementsAnded()
    {
        var both = new V1NodeSelectorTerm
        {
            MatchExpressions =
            [
                new V1NodeSelectorRequirement { Key = "disk", OperatorProperty = "In", Values = ["ssd"] },
                new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = "Exists" },
            ],
        };
        var anded = Make.Pod("p", edit: p => p.RequireNodeAffinity(both));
        var ored = Make.Pod("p", edit: p => p.RequireNodeAffinity(both, Make.Expr("disk", "Exists")));
        Assert.Equal(Mismatch, FilterRunner.Run(new NodeAffinityFilter(), anded, SsdNode()));
        Assert.Null(FilterRunner.Run(new NodeAffinityFilter(), ored, SsdNode()));
    }

    [Fact]
    public void EmptyTermMatchesNothing()
    {
        var pod = Make.Pod("p", edit: p => p.RequireNodeAffinity(new V1NodeSelectorTerm()));
        Assert.Equal(Mismatch, FilterRunner.Run(new NodeAffinityFilter(), pod, SsdNode()));
    }

    [Theory]
    [InlineData("metadata.name", "In", "n1", true)]
    [InlineData("metadata.name", "In", "n2", false)]
    [InlineData("metadata.name", "NotIn", "n2", true)]
    [InlineData("metadata.uid", "In", "n1", false)]
    public void MatchFields(string field, string op, string value, bool fits)
    {
        var term = new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = field, OperatorProperty = op, Values = [value] }] };
        var pod = Make.Pod("p", edit: p => p.RequireNodeAffinity(term));
        Assert.Equal(fits ? null : Mismatch, FilterRunner.Run(new NodeAffinityFilter(), pod, SsdNode()));
    }

    [Fact]
    public void SelectorAndAffinityMustBothMatch()
    {
        var pod = Make.Pod("p", edit: p =>
        {
            p.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "hdd" };
            p.RequireNodeAffinity(Make.Expr("disk", "Exists"));
        });
        Assert.Equal(Mismatch, FilterRunner.Run(new NodeAffinityFilter(), pod, SsdNode()));
    }

    private static V1Node SsdNode() => Make.Node("n1", edit: n =>
    {
        n.Metadata.Label("disk", "ssd");
        n.Metadata.Label("cores", "16");
    });
}
