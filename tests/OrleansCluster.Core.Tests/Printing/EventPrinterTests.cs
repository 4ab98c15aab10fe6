using k8s.Models;
using OrleansCluster.Core.Printing;
using static OrleansCluster.Core.Tests.Printing.Build;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class EventPrinterTests
{
    [Fact]
    public void A_core_event_prints_every_cell()
    {
        var ev = Event(e =>
        {
            e.FirstTimestamp = Now.AddMinutes(-10);
            e.LastTimestamp = Now.AddSeconds(-30);
            e.Count = 4;
            e.Source = new V1EventSource { Component = "kubelet", Host = "node-1" };
        });

        Assert.Equal(
            ["30s", "Warning", "BackOff", "pod/web", "spec.containers{app}", "kubelet, node-1", "Back-off restarting failed container", "10m", 4L, "web.17a2b3c4d5e6f7a8"],
            EventPrinter.Print(ev, Now).Cells);
    }

    [Fact]
    public void A_new_style_event_uses_event_time_reporting_fields_and_counts_one()
    {
        var ev = Event(e =>
        {
            e.EventTime = Now.AddMinutes(-3);
            e.ReportingComponent = "default-scheduler";
            e.ReportingInstance = "";
        });

        var cells = EventPrinter.Print(ev, Now).Cells;

        Assert.Equal(("3m", "default-scheduler", "3m", 1L), (cells[0], cells[5], cells[7], cells[8]));
    }

    [Fact]
    public void A_series_gives_the_last_seen_and_count()
    {
        var ev = Event(e =>
        {
            e.EventTime = Now.AddHours(-2);
            e.Series = new Corev1EventSeries { Count = 12, LastObservedTime = Now.AddSeconds(-5) };
        });

        var cells = EventPrinter.Print(ev, Now).Cells;

        Assert.Equal(("5s", "120m", 12L), (cells[0], cells[7], cells[8]));
    }

    [Fact]
    public void Without_any_timestamp_the_times_are_unknown_and_an_object_without_name_prints_its_kind()
    {
        var ev = Event(e => e.InvolvedObject = new V1ObjectReference { Kind = "Node" });

        var cells = EventPrinter.Print(ev, Now).Cells;

        Assert.Equal(("<unknown>", "node", "<unknown>"), (cells[0], cells[3], cells[7]));
    }

    [Fact]
    public void Columns_match_kubernetes()
    {
        Assert.Equal(
            [("Last Seen", 0), ("Type", 0), ("Reason", 0), ("Object", 0), ("Subobject", 1), ("Source", 1), ("Message", 0),
                ("First Seen", 1), ("Count", 1), ("Name", 1)],
            EventPrinter.Columns.Select(c => (c.Name, c.Priority)));
        Assert.Equal("name", EventPrinter.Columns[^1].Format);
    }

    private static Corev1Event Event(Action<Corev1Event> change)
    {
        var ev = new Corev1Event
        {
            Metadata = Meta("web.17a2b3c4d5e6f7a8", TimeSpan.FromMinutes(10)),
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "default", FieldPath = "spec.containers{app}" },
            Type = "Warning",
            Reason = "BackOff",
            Message = "  Back-off restarting failed container\n",
        };
        change(ev);
        return ev;
    }
}
