using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Core/v1 events. An event lives in its subject's namespace (cluster-scoped subjects use "default"),
/// so that deleting the namespace removes its events. Events with an eventTime follow the newer
/// events API and must say who reported what.
/// </summary>
public static class EventValidator
{
    public static readonly IReadOnlyList<string> Types = ["Normal", "Warning"];

    private const int ReportingInstanceLimit = 128;
    private const int ActionLimit = 128;
    private const int ReasonLimit = 128;
    private const int NoteLimit = 1024;

    public static IEnumerable<FieldError> Validate(Corev1Event ev)
    {
        var errors = new List<FieldError>();
        var involved = ev.InvolvedObject ?? new V1ObjectReference();
        var ns = ev.Metadata?.NamespaceProperty ?? "";
        var involvedNs = involved.NamespaceProperty ?? "";
        if (string.IsNullOrEmpty(involved.Kind))
        {
            errors.Add(FieldError.Required("involvedObject.kind"));
        }

        if (string.IsNullOrEmpty(involved.Name))
        {
            errors.Add(FieldError.Required("involvedObject.name"));
        }

        var namespaceMatches = involvedNs.Length > 0
            ? ns == involvedNs
            : ns is "" or "default" || (ev.EventTime is not null && ns == "kube-system");
        if (!namespaceMatches)
        {
            errors.Add(FieldError.Invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        }

        if (!string.IsNullOrEmpty(ev.Type) && !Types.Contains(ev.Type))
        {
            errors.Add(FieldError.NotSupported("type", ev.Type, Types));
        }

        if (ev.EventTime is not null)
        {
            errors.AddRange(ValidateReported(ev));
        }

        return errors;
    }

    private static IEnumerable<FieldError> ValidateReported(Corev1Event ev)
    {
        var component = ev.ReportingComponent ?? "";
        if (component.Length == 0)
        {
            yield return FieldError.Required("reportingComponent");
        }

        foreach (var message in component.Length == 0 ? [] : LabelSyntax.IsQualifiedName(component))
        {
            yield return FieldError.Invalid("reportingComponent", component, message);
        }

        var limited = new (string Field, string? Value, int Limit, bool Required)[]
        {
            ("reportingInstance", ev.ReportingInstance, ReportingInstanceLimit, true),
            ("action", ev.Action, ActionLimit, true),
            ("reason", ev.Reason, ReasonLimit, true),
            ("message", ev.Message, NoteLimit, false),
        };
        foreach (var (field, value, limit, required) in limited)
        {
            if (required && string.IsNullOrEmpty(value))
            {
                yield return FieldError.Required(field);
            }
            else if ((value?.Length ?? 0) > limit)
            {
                yield return FieldError.Invalid(field, "", $"can have at most {limit} characters");
            }
        }
    }
}
