using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary><c>kubectl get leases</c>: NAME HOLDER AGE.</summary>
public static class LeasePrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Holder", "The holder of the lease (spec.holderIdentity)."),
        TableColumn.Age,
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Lease>(Columns, Print);

    public static PrintedRow Print(V1Lease lease, DateTime now) =>
        new(lease.Metadata?.Name ?? "", lease.Spec?.HolderIdentity ?? "", HumanDuration.Since(lease.Metadata?.CreationTimestamp, now));
}
