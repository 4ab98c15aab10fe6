using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>apps/v1</c> ReplicaSet: keeps <c>spec.replicas</c> pods of its template; scalable through <c>/scale</c>.</summary>
public sealed class ReplicaSetKind : WorkloadKind<V1ReplicaSet>
{
    public static readonly ResourceType Resource = new(
        "apps", "v1", "ReplicaSet", "replicasets", "replicaset", Namespaced: true, typeof(V1ReplicaSet), ["rs"],
        SelectableFields.Of<V1ReplicaSet>(
            ("status.replicas", o => (o.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public override ResourceType Type => Resource;

    public override KindPrinter Printer { get; } = ReplicaPrinter.For<V1ReplicaSet>(
        rs => (rs.Spec?.Replicas, rs.Status?.Replicas, rs.Status?.ReadyReplicas),
        rs => rs.Spec?.Template, rs => WorkloadRules.Text(rs.Spec?.Selector));

    public override ScaleView Scale { get; } = ScaleView.For<V1ReplicaSet>(
        rs => rs.Spec?.Replicas, rs => rs.Status?.Replicas, rs => WorkloadRules.SelectorString(rs.Spec?.Selector));

    protected override object NewStatus() => new V1ReplicaSetStatus { Replicas = 0 };

    /// <summary>Kubernetes' apps/v1 SetDefaults_ReplicaSet (replicas 1), plus the template's pod-spec defaults.</summary>
    protected override void OnDefault(V1ReplicaSet obj)
    {
        var spec = obj.Spec ??= new V1ReplicaSetSpec();
        spec.Replicas ??= 1;
        PodTemplates.Default(spec.Template);
    }

    /// <summary>Kubernetes' ValidateReplicaSetSpec.</summary>
    protected override IEnumerable<FieldError> OnValidate(V1ReplicaSet obj)
    {
        var spec = obj.Spec ?? new V1ReplicaSetSpec();
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadRules.Nonnegative(spec.Replicas, "spec.replicas"));
        errors.AddRange(WorkloadRules.Nonnegative(spec.MinReadySeconds, "spec.minReadySeconds"));
        errors.AddRange(WorkloadRules.AppsSelector(spec.Selector, out var selector));
        errors.AddRange(PodTemplates.Validate(spec.Template, selector, "ReplicaSet"));
        return errors;
    }

    protected override IEnumerable<FieldError> OnValidateUpdate(V1ReplicaSet newObj, V1ReplicaSet oldObj) =>
        OnValidate(newObj).Concat(WorkloadRules.SelectorUnchanged(newObj.Spec?.Selector, oldObj.Spec?.Selector));
}
