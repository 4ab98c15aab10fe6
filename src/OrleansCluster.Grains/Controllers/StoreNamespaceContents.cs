using OrleansCluster.Controllers.Namespaces;
using OrleansCluster.Core.Resources;
using OrleansCluster.Grains.Objects;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Controllers;

/// <summary>What a namespace holds, of every kind, in one query to the store.</summary>
internal sealed class StoreNamespaceContents(ObjectStore store) : INamespaceContents
{
    public async Task<IReadOnlyList<(ResourceType Type, string Name)>> ListAsync(string ns, CancellationToken ct) =>
        (await store.KeysInNamespaceAsync(ns, ct)).Select(k => (ObjectKeys.ResourceOf(k.Resource), k.Name)).ToList();
}
