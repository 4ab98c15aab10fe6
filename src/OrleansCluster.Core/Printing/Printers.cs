using System.Collections.Frozen;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Printing;

/// <summary>The registry of table printers: one per kind that has its own columns, the default table for the rest.</summary>
public static class Printers
{
    private static readonly FrozenDictionary<string, KindPrinter> ByGroupKind = new Dictionary<string, KindPrinter>
    {
        [Key(ResourceTypes.Pod)] = PodPrinter.Printer,
        [Key(ResourceTypes.Service)] = ServicePrinter.Printer,
        [Key(ResourceTypes.Namespace)] = NamespacePrinter.Printer,
        [Key(ResourceTypes.Lease)] = LeasePrinter.Printer,
        [Key(ResourceTypes.Node)] = NodePrinter.Printer,
        [Key(ResourceTypes.Event)] = EventPrinter.Printer,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The printer for <paramref name="type"/>; <see cref="DefaultPrinter"/> when the kind has none of its own.</summary>
    public static KindPrinter For(ResourceType type) => ByGroupKind.GetValueOrDefault(Key(type), DefaultPrinter.Printer);

    private static string Key(ResourceType type) => $"{type.Group}/{type.Kind}";
}
