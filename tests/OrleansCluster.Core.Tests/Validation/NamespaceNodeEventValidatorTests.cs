using k8s.Models;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using static OrleansCluster.Core.Tests.Validation.Objects;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class NamespaceNodeEventValidatorTests
{
    [Theory]
    [InlineData("kubernetes", null)]
    [InlineData("example.com/cleanup", null)]
    [InlineData("cleanup", "name is neither a standard finalizer name nor is it fully qualified")]
    [InlineData("a/b/c", "a qualified name must consist of")]
    public void Namespace_spec_finalizers(string finalizer, string? message)
    {
        var ns = Namespace();
        ns.Spec = new V1NamespaceSpec { Finalizers = [finalizer] };

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.Namespace, ns);

        if (message is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(("spec.finalizers[0]", "FieldValueInvalid"), (errors[0].Field, errors[0].Reason));
            Assert.Contains(message, errors[0].Message);
        }
    }

    [Theory]
    [InlineData("dedicated", "gpu", "NoSchedule", null, null)]
    [InlineData("example.com/maintenance", "", "NoExecute", null, null)]
    [InlineData("dedicated", "gpu", "Sometimes", "spec.taints[0].effect", "FieldValueNotSupported")]
    [InlineData("dedicated", "gpu", "", "spec.taints[0].effect", "FieldValueRequired")]
    [InlineData("", "gpu", "NoSchedule", "spec.taints[0].key", "FieldValueRequired")]
    [InlineData("-dedicated", "gpu", "NoSchedule", "spec.taints[0].key", "FieldValueInvalid")]
    [InlineData("dedicated", "g p u", "NoSchedule", "spec.taints[0].value", "FieldValueInvalid")]
    public void Node_taints(string key, string value, string effect, string? field, string? reason)
    {
        var node = Node();
        node.Spec.Taints = [new V1Taint { Key = key, Value = value, Effect = effect }];

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Node, node));

        Assert.Equal(field is null ? [] : [(field, reason!)], causes);
    }

    [Fact]
    public void Node_taints_are_unique_by_key_and_effect()
    {
        var node = Node();
        node.Spec.Taints =
        [
            new V1Taint { Key = "a", Effect = "NoSchedule" },
            new V1Taint { Key = "a", Effect = "NoExecute" },
            new V1Taint { Key = "a", Value = "other", Effect = "NoSchedule" },
        ];

        Assert.Equal([("spec.taints[2]", "FieldValueDuplicate")], Causes(ObjectValidator.ValidateCreate(ResourceTypes.Node, node)));
    }

    [Theory]
    [InlineData("10.244.1.0/24", true)]
    [InlineData("10.244.1.0", false)]
    [InlineData("10.244.1.0/40", false)]
    public void Node_pod_cidr_format(string cidr, bool valid)
    {
        var node = Node();
        node.Spec.PodCIDR = cidr;

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Node, node));

        Assert.Equal(valid ? [] : [("spec.podCIDR", "FieldValueInvalid")], causes);
    }

    [Theory]
    [InlineData("", "10.244.1.0/24", true)]
    [InlineData("10.244.1.0/24", "10.244.1.0/24", true)]
    [InlineData("10.244.1.0/24", "10.244.2.0/24", false)]
    [InlineData("10.244.1.0/24", "", false)]
    public void Node_pod_cidr_is_fixed_once_assigned(string oldCidr, string newCidr, bool valid)
    {
        var oldNode = Node();
        oldNode.Spec.PodCIDR = oldCidr;
        var newNode = Node();
        newNode.Spec.PodCIDR = newCidr;

        var causes = Causes(ObjectValidator.ValidateUpdate(ResourceTypes.Node, newNode, oldNode));

        Assert.Equal(valid ? [] : [("spec.podCIDR", "FieldValueForbidden")], causes);
    }

    public static TheoryData<string, Action<Corev1Event>, string?, string?> Events => new()
    {
        { "valid", _ => { }, null, null },
        { "warning", e => e.Type = "Warning", null, null },
        { "no type", e => e.Type = null, null, null },
        { "odd type", e => e.Type = "Error", "type", "FieldValueNotSupported" },
        { "no kind", e => e.InvolvedObject.Kind = null, "involvedObject.kind", "FieldValueRequired" },
        { "no name", e => e.InvolvedObject.Name = "", "involvedObject.name", "FieldValueRequired" },
        { "other namespace", e => e.InvolvedObject.NamespaceProperty = "team-a", "involvedObject.namespace", "FieldValueInvalid" },
        { "cluster-scoped subject in default", e => e.InvolvedObject = new() { Kind = "Node", Name = "n1" }, null, null },
        { "cluster-scoped subject elsewhere", e => { e.Metadata.NamespaceProperty = "team-a"; e.InvolvedObject = new() { Kind = "Node", Name = "n1" }; }, "involvedObject.namespace", "FieldValueInvalid" },
        { "new-style event without reporter", e => { e.EventTime = DateTime.UnixEpoch; e.Action = "Binding"; e.ReportingInstance = "s-1"; }, "reportingComponent", "FieldValueRequired" },
        { "new-style event complete", e => { e.EventTime = DateTime.UnixEpoch; e.Action = "Binding"; e.ReportingInstance = "s-1"; e.ReportingComponent = "default-scheduler"; }, null, null },
        { "new-style reason too long", e => { e.EventTime = DateTime.UnixEpoch; e.Action = "Binding"; e.ReportingInstance = "s-1"; e.ReportingComponent = "sched"; e.Reason = new string('r', 129); }, "reason", "FieldValueInvalid" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_rules(string because, Action<Corev1Event> change, string? field, string? reason)
    {
        var ev = Event();
        change(ev);

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Event, ev));

        Assert.True(
            causes.SequenceEqual(field is null ? [] : [(field, reason!)]),
            $"{because}: {string.Join("; ", causes)}");
    }
}
