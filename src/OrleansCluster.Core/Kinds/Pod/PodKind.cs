using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>v1</c> Pod: bound through <c>/binding</c>, streamed through <c>/log</c> and <c>/exec</c>.</summary>
public sealed class PodKind : KindDefinition<V1Pod>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "Pod", "pods", "pod", Namespaced: true, typeof(V1Pod), ["po"],
        SelectableFields.Of<V1Pod>(
            ("spec.nodeName", o => o.Spec?.NodeName),
            ("spec.restartPolicy", o => o.Spec?.RestartPolicy),
            ("spec.schedulerName", o => o.Spec?.SchedulerName),
            ("spec.serviceAccountName", o => o.Spec?.ServiceAccountName),
            ("spec.hostNetwork", o => (o.Spec?.HostNetwork ?? false) ? "true" : "false"),
            ("status.phase", o => o.Status?.Phase),
            ("status.podIP", o => o.Status?.PodIP),
            ("status.nominatedNodeName", o => o.Status?.NominatedNodeName)));

    public override ResourceType Type => Resource;

    public override IReadOnlyList<string> Categories => ["all"];

    public override IReadOnlyList<string> Subresources => ["status", "binding", "eviction", "log", "exec"];

    public override KindPrinter Printer => PodPrinter.Printer;

    protected override void OnDefault(V1Pod obj) => PodDefaulter.Apply(obj);

    protected override void OnCreate(V1Pod obj) => PodDefaulter.ApplyCreate(obj);

    protected override void OnUpdate(V1Pod newObj, V1Pod oldObj) => PodDefaulter.ApplyUpdate(newObj, oldObj);

    protected override IEnumerable<FieldError> OnValidate(V1Pod obj) => PodValidator.ValidateCreate(obj);

    protected override IEnumerable<FieldError> OnValidateUpdate(V1Pod newObj, V1Pod oldObj) => PodValidator.ValidateUpdate(newObj, oldObj);
}
