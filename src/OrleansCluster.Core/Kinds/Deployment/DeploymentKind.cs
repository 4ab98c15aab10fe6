using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>apps/v1</c> Deployment: rolls a pod template out through ReplicaSets; scalable through <c>/scale</c>.</summary>
public sealed class DeploymentKind : WorkloadKind<V1Deployment>
{
    public static readonly ResourceType Resource = new(
        "apps", "v1", "Deployment", "deployments", "deployment", Namespaced: true, typeof(V1Deployment), ["deploy"],
        SelectableFields.None);

    public override ResourceType Type => Resource;

    public override KindPrinter Printer => DeploymentPrinter.Printer;

    public override ScaleView Scale { get; } = ScaleView.For<V1Deployment>(
        d => d.Spec?.Replicas, d => d.Status?.Replicas, d => WorkloadRules.SelectorString(d.Spec?.Selector));

    protected override object NewStatus() => new V1DeploymentStatus();

    protected override void OnDefault(V1Deployment obj) => DeploymentDefaulter.Apply(obj);

    protected override IEnumerable<FieldError> OnValidate(V1Deployment obj) => DeploymentValidator.Validate(obj);

    protected override IEnumerable<FieldError> OnValidateUpdate(V1Deployment newObj, V1Deployment oldObj) =>
        DeploymentValidator.Validate(newObj).Concat(WorkloadRules.SelectorUnchanged(newObj.Spec?.Selector, oldObj.Spec?.Selector));
}
