using k8s.Models;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.Core.Scheduling.Plugins;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class NodeFilterTests
{
    private const string Unschedulable = NodeUnschedulableFilter.ErrReasonUnschedulable;

    public static TheoryData<string, bool, string?, string?> UnschedulableCases => new()
    {
        { "schedulable node", false, null, null },
        { "cordoned node", true, null, Unschedulable },
        { "cordoned, tolerated by key", true, NodeUnschedulableFilter.TaintKey, null },
        { "cordoned, other toleration", true, "dedicated", Unschedulable },
        { "cordoned, tolerate everything", true, "", null },
    };

    [Theory]
    [MemberData(nameof(UnschedulableCases))]
    public void NodeUnschedulable(string name, bool cordoned, string? tolerationKey, string? expected)
    {
        var node = Make.Node("n1", edit: n => n.Spec.Unschedulable = cordoned);
        var pod = Make.Pod("p", edit: p =>
        {
            if (tolerationKey is not null)
            {
                p.Tolerate(tolerationKey, "Exists", effect: tolerationKey == "" ? null : "NoSchedule");
            }
        });
        var actual = FilterRunner.Run(new NodeUnschedulableFilter(), pod, node);
        Assert.True(expected == actual, $"{name}: {actual}");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("n1", null)]
    [InlineData("n2", NodeNameFilter.ErrReason)]
    public void NodeName(string? wanted, string? expected)
    {
        var pod = Make.Pod("p", edit: p => p.Spec.NodeName = wanted);
        Assert.Equal(expected, FilterRunner.Run(new NodeNameFilter(), pod, Make.Node("n1")));
    }

    [Theory]
    [InlineData("True", null, false, null)]
    [InlineData("False", null, false, "node(s) had untolerated taint {node.kubernetes.io/not-ready: }")]
    [InlineData(null, null, false, "node(s) had untolerated taint {node.kubernetes.io/not-ready: }")]
    [InlineData("Unknown", null, false, "node(s) had untolerated taint {node.kubernetes.io/unreachable: }")]
    [InlineData("False", "node.kubernetes.io/not-ready", false, null)]
    [InlineData("True", null, true, "node(s) had untolerated taint {node.kubernetes.io/network-unavailable: }")]
    [InlineData("True", "node.kubernetes.io/network-unavailable", true, null)]
    public void NodeReady(string? ready, string? tolerated, bool networkUnavailable, string? expected)
    {
        var node = Make.Node("n1", edit: n =>
        {
            n.Status.Conditions = ready is null ? [] : [new V1NodeCondition { Type = "Ready", Status = ready }];
            if (networkUnavailable)
            {
                n.Status.Conditions.Add(new V1NodeCondition { Type = "NetworkUnavailable", Status = "True" });
            }
        });
        var pod = Make.Pod("p", edit: p =>
        {
            if (tolerated is not null)
            {
                p.Tolerate(tolerated, "Exists", effect: "NoSchedule");
            }
        });
        Assert.Equal(expected, FilterRunner.Run(new NodeReadyFilter(), pod, node));
    }

    public static TheoryData<string, string?, string?, string?, string?, string?, string?> TaintCases => new()
    {
        // name, taint effect, toleration key, operator, value, effect, expected
        { "no toleration for NoSchedule", "NoSchedule", null, null, null, null, "node(s) had untolerated taint {dedicated: gpu}" },
        { "no toleration for NoExecute", "NoExecute", null, null, null, null, "node(s) had untolerated taint {dedicated: gpu}" },
        { "PreferNoSchedule never filters", "PreferNoSchedule", null, null, null, null, null },
        { "Equal with the value", "NoSchedule", "dedicated", "Equal", "gpu", "NoSchedule", null },
        { "no operator means Equal", "NoSchedule", "dedicated", null, "gpu", null, null },
        { "Equal with another value", "NoSchedule", "dedicated", "Equal", "cpu", "NoSchedule", "node(s) had untolerated taint {dedicated: gpu}" },
        { "Exists on the key", "NoExecute", "dedicated", "Exists", null, null, null },
        { "Exists on another key", "NoSchedule", "other", "Exists", null, null, "node(s) had untolerated taint {dedicated: gpu}" },
        { "empty key with Exists tolerates all", "NoSchedule", "", "Exists", null, null, null },
        { "effect must match", "NoExecute", "dedicated", "Exists", null, "NoSchedule", "node(s) had untolerated taint {dedicated: gpu}" },
    };

    [Theory]
    [MemberData(nameof(TaintCases))]
    public void TaintToleration(string name, string? taintEffect, string? key, string? op, string? value, string? effect, string? expected)
    {
        var node = Make.Node("n1", edit: n => n.Taint("dedicated", "gpu", taintEffect!));
        var pod = Make.Pod("p", edit: p =>
        {
            if (key is not null)
            {
                p.Tolerate(key, op, value, effect);
            }
        });
        var actual = FilterRunner.Run(new TaintTolerationFilter(), pod, node);
        Assert.True(expected == actual, $"{name}: {actual}");
    }
}
