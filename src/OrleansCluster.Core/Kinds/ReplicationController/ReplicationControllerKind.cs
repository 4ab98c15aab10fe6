using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// <c>v1</c> ReplicationController: a ReplicaSet with an equality-only selector (a label map), which defaults to
/// the template's labels; scalable through <c>/scale</c>.
/// </summary>
public sealed class ReplicationControllerKind : WorkloadKind<V1ReplicationController>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "ReplicationController", "replicationcontrollers", "replicationcontroller", Namespaced: true,
        typeof(V1ReplicationController), ["rc"],
        SelectableFields.Of<V1ReplicationController>(
            ("status.replicas", o => (o.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public override ResourceType Type => Resource;

    public override KindPrinter Printer { get; } = ReplicaPrinter.For<V1ReplicationController>(
        rc => (rc.Spec?.Replicas, rc.Status?.Replicas, rc.Status?.ReadyReplicas),
        rc => rc.Spec?.Template, rc => Labels.Format(rc.Spec?.Selector));

    public override ScaleView Scale { get; } = ScaleView.For<V1ReplicationController>(
        rc => rc.Spec?.Replicas, rc => rc.Status?.Replicas, rc => SelectorString(rc.Spec?.Selector));

    /// <summary>
    /// Kubernetes' v1 SetDefaults_ReplicationController: the selector and the object's own labels default to the
    /// template's labels; replicas to 1. Then the template's pod-spec defaults.
    /// </summary>
    protected override void OnDefault(V1ReplicationController obj)
    {
        var spec = obj.Spec ??= new V1ReplicationControllerSpec();
        if (spec.Template?.Metadata?.Labels is { Count: > 0 } labels)
        {
            if ((spec.Selector?.Count ?? 0) == 0)
            {
                spec.Selector = new Dictionary<string, string>(labels);
            }

            var meta = obj.Metadata ??= new V1ObjectMeta();
            if ((meta.Labels?.Count ?? 0) == 0)
            {
                meta.Labels = new Dictionary<string, string>(labels);
            }
        }

        spec.Replicas ??= 1;
        PodTemplates.Default(spec.Template);
    }

    protected override object NewStatus() => new V1ReplicationControllerStatus { Replicas = 0 };

    /// <summary>Kubernetes' ValidateReplicationControllerSpec; the selector may change, unlike apps/v1's.</summary>
    protected override IEnumerable<FieldError> OnValidate(V1ReplicationController obj)
    {
        var spec = obj.Spec ?? new V1ReplicationControllerSpec();
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadRules.Nonnegative(spec.MinReadySeconds, "spec.minReadySeconds"));
        if ((spec.Selector?.Count ?? 0) == 0)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }

        errors.AddRange(LabelSyntax.ValidateLabels(spec.Selector, "spec.selector"));
        errors.AddRange(WorkloadRules.Nonnegative(spec.Replicas, "spec.replicas"));
        var selector = (spec.Selector?.Count ?? 0) == 0 ? LabelSelector.Everything : Selector(spec.Selector!);
        errors.AddRange(PodTemplates.Validate(spec.Template, selector, "ReplicationController"));
        return errors;
    }

    private static LabelSelector Selector(IDictionary<string, string> labels) =>
        LabelSelector.FromMetav1(new V1LabelSelector { MatchLabels = labels });

    private static string SelectorString(IDictionary<string, string>? labels)
    {
        try
        {
            return labels is null ? "" : Selector(labels).ToString();
        }
        catch (SelectorParseException)
        {
            return "";
        }
    }
}
