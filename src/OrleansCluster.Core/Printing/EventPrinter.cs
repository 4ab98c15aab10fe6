using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// <c>kubectl get events</c>: LAST SEEN TYPE REASON OBJECT MESSAGE, and with -o wide SUBOBJECT and SOURCE
/// (before MESSAGE) and FIRST SEEN, COUNT, NAME (after it).
/// </summary>
public static class EventPrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.Text("Last Seen", "When the event was last observed."),
        TableColumn.Text("Type", "Normal or Warning."),
        TableColumn.Text("Reason", "A short, machine-readable reason for the event."),
        TableColumn.Text("Object", "The object the event is about, as kind/name."),
        TableColumn.Text("Subobject", "The part of the object the event is about, e.g. spec.containers{app}.", priority: 1),
        TableColumn.Text("Source", "The component (and host) that reported the event.", priority: 1),
        TableColumn.Text("Message", "A human-readable description of the event."),
        TableColumn.Text("First Seen", "When the event was first observed.", priority: 1),
        TableColumn.Text("Count", "How many times the event has occurred.", priority: 1),
        TableColumn.ObjectName(priority: 1),
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<Corev1Event>(Columns, Print);

    public static PrintedRow Print(Corev1Event ev, DateTime now)
    {
        var firstSeen = HumanDuration.IsZero(ev.FirstTimestamp)
            ? HumanDuration.Since(ev.EventTime, now)
            : HumanDuration.Since(ev.FirstTimestamp, now);
        var lastSeen = HumanDuration.IsZero(ev.LastTimestamp) ? firstSeen : HumanDuration.Since(ev.LastTimestamp, now);
        long count = ev.Count ?? 0;
        if (ev.Series is { } series)
        {
            lastSeen = HumanDuration.Since(series.LastObservedTime, now);
            count = series.Count ?? 0;
        }
        else if (count == 0)
        {
            // Events written through events.k8s.io leave count unset for a single occurrence.
            count = 1;
        }

        return new PrintedRow(
            lastSeen,
            ev.Type ?? "",
            ev.Reason ?? "",
            Target(ev.InvolvedObject),
            ev.InvolvedObject?.FieldPath ?? "",
            Source(ev),
            (ev.Message ?? "").Trim(),
            firstSeen,
            count,
            ev.Metadata?.Name ?? "");
    }

    private static string Target(V1ObjectReference? involved)
    {
        var kind = (involved?.Kind ?? "").ToLowerInvariant();
        return string.IsNullOrEmpty(involved?.Name) ? kind : $"{kind}/{involved.Name}";
    }

    private static string Source(Corev1Event ev)
    {
        var component = FirstNonEmpty(ev.Source?.Component, ev.ReportingComponent);
        var host = FirstNonEmpty(ev.Source?.Host, ev.ReportingInstance);
        return host.Length == 0 ? component : $"{component}, {host}";
    }

    private static string FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : second ?? "";
}
