using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// <c>v1</c> Service. Its name is a DNS-1035 label: it becomes a single DNS label and an environment variable
/// prefix, so it needs a leading letter.
/// </summary>
public sealed class ServiceKind : KindDefinition<V1Service>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "Service", "services", "service", Namespaced: true, typeof(V1Service), ["svc"], SelectableFields.None);

    public override ResourceType Type => Resource;

    public override IReadOnlyList<string> Categories => ["all"];

    public override IReadOnlyList<string> Subresources => ["status"];

    public override KindPrinter Printer => ServicePrinter.Printer;

    public override Func<string, IReadOnlyList<string>> NameRule => NameSyntax.IsDns1035Label;

    protected override void OnDefault(V1Service obj) => ServiceDefaulter.Apply(obj);

    protected override void OnUpdate(V1Service newObj, V1Service oldObj) => ServiceDefaulter.ApplyUpdate(newObj, oldObj);

    protected override IEnumerable<FieldError> OnValidate(V1Service obj) => ServiceValidator.ValidateCreate(obj);

    protected override IEnumerable<FieldError> OnValidateUpdate(V1Service newObj, V1Service oldObj) =>
        ServiceValidator.ValidateUpdate(newObj, oldObj);
}
