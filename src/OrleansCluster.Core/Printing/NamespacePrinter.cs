using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary><c>kubectl get namespaces</c>: NAME STATUS AGE.</summary>
public static class NamespacePrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Status", "The status of the namespace: Active or Terminating."),
        TableColumn.Age,
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Namespace>(Columns, Print);

    public static PrintedRow Print(V1Namespace ns, DateTime now) =>
        new(ns.Metadata?.Name ?? "", ns.Status?.Phase ?? "", HumanDuration.Since(ns.Metadata?.CreationTimestamp, now));
}
