using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// The table printer of a kind: its <see cref="KindDefinition.Printer"/>, or the default name-and-age table for a kind
/// that is not registered (or has no columns of its own).
/// </summary>
public static class Printers
{
    public static KindPrinter For(ResourceType type) => KindRegistry.Find(type)?.Printer ?? DefaultPrinter.Printer;
}
