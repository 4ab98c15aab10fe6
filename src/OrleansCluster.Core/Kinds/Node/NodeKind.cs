using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>v1</c> Node: cluster-scoped; its agent reports through <c>/status</c>.</summary>
public sealed class NodeKind : KindDefinition<V1Node>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "Node", "nodes", "node", Namespaced: false, typeof(V1Node), ["no"],
        SelectableFields.Of<V1Node>(("spec.unschedulable", o => (o.Spec?.Unschedulable ?? false) ? "true" : "false")));

    public override ResourceType Type => Resource;

    public override IReadOnlyList<string> Subresources => ["status"];

    public override KindPrinter Printer => NodePrinter.Printer;

    protected override void OnDefault(V1Node obj) => NodeDefaulter.Apply(obj);

    protected override void OnUpdate(V1Node newObj, V1Node oldObj) => NodeDefaulter.ApplyUpdate(newObj, oldObj);

    protected override IEnumerable<FieldError> OnValidate(V1Node obj) => NodeValidator.ValidateCreate(obj);

    protected override IEnumerable<FieldError> OnValidateUpdate(V1Node newObj, V1Node oldObj) => NodeValidator.ValidateUpdate(newObj, oldObj);
}
