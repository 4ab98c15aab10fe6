using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>v1</c> Namespace: cluster-scoped, a DNS-1123 label, finalized through <c>/finalize</c>.</summary>
public sealed class NamespaceKind : KindDefinition<V1Namespace>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "Namespace", "namespaces", "namespace", Namespaced: false, typeof(V1Namespace), ["ns"],
        SelectableFields.Of<V1Namespace>(("status.phase", o => o.Status?.Phase)));

    public override ResourceType Type => Resource;

    public override IReadOnlyList<string> Subresources => ["status", "finalize"];

    public override bool DeleteCollection => false;

    public override KindPrinter Printer => NamespacePrinter.Printer;

    public override Func<string, IReadOnlyList<string>> NameRule => NameSyntax.IsDns1123Label;

    protected override void OnDefault(V1Namespace obj) => NamespaceDefaulter.Apply(obj);

    protected override void OnCreate(V1Namespace obj) => NamespaceDefaulter.ApplyCreate(obj);

    protected override void OnUpdate(V1Namespace newObj, V1Namespace oldObj) => NamespaceDefaulter.ApplyUpdate(newObj, oldObj);

    protected override IEnumerable<FieldError> OnValidate(V1Namespace obj) => NamespaceValidator.Validate(obj);
}
