using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.Namespaces;

/// <summary>Everything stored in a namespace, of every kind (the store answers this in one query).</summary>
public interface INamespaceContents
{
    Task<IReadOnlyList<(ResourceType Type, string Name)>> ListAsync(string ns, CancellationToken ct);
}
