using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// The table Kubernetes serves for kinds without a printer of their own (its default table convertor):
/// NAME and CREATED AT, the latter an RFC 3339 timestamp in a column of type <c>date</c>.
/// </summary>
public static class DefaultPrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        new("Created At", "date", "", "When the object was created (metadata.creationTimestamp)."),
    ];

    public static readonly KindPrinter Printer = KindPrinter.ForAny(Columns, Print);

    public static PrintedRow Print(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var created = HumanDuration.Utc(obj.Metadata?.CreationTimestamp ?? default);
        return new PrintedRow(
            obj.Metadata?.Name ?? "",
            created.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
