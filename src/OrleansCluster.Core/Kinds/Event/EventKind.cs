using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>v1</c> Event, selectable by the object it is about.</summary>
public sealed class EventKind : KindDefinition<Corev1Event>
{
    public static readonly ResourceType Resource = new(
        "", "v1", "Event", "events", "event", Namespaced: true, typeof(Corev1Event), ["ev"],
        SelectableFields.Of<Corev1Event>(
            ("involvedObject.kind", o => o.InvolvedObject?.Kind),
            ("involvedObject.namespace", o => o.InvolvedObject?.NamespaceProperty),
            ("involvedObject.name", o => o.InvolvedObject?.Name),
            ("involvedObject.uid", o => o.InvolvedObject?.Uid),
            ("involvedObject.apiVersion", o => o.InvolvedObject?.ApiVersion),
            ("involvedObject.resourceVersion", o => o.InvolvedObject?.ResourceVersion),
            ("involvedObject.fieldPath", o => o.InvolvedObject?.FieldPath),
            ("reason", o => o.Reason),
            ("reportingComponent", o => o.ReportingComponent),
            ("source", o => o.Source?.Component),
            ("type", o => o.Type)));

    public override ResourceType Type => Resource;

    public override KindPrinter Printer => EventPrinter.Printer;

    protected override IEnumerable<FieldError> OnValidate(Corev1Event obj) => EventValidator.Validate(obj);
}
