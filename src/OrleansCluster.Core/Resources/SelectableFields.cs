using System.Collections.Frozen;
using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Resources;

/// <summary>Builds a kind's table of field-selector paths (beyond <c>metadata.name</c> and <c>metadata.namespace</c>).</summary>
public static class SelectableFields
{
    /// <summary>No fields beyond the metadata ones.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>> None =
        FrozenDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>>.Empty;

    /// <summary>The fields of model type <typeparamref name="T"/>, each a path and how to read it.</summary>
    public static IReadOnlyDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>> Of<T>(
        params (string Path, Func<T, string?> Read)[] fields)
        where T : IKubernetesObject<V1ObjectMeta> =>
        fields.ToFrozenDictionary(
            f => f.Path,
            f => (Func<IKubernetesObject<V1ObjectMeta>, string?>)(o => f.Read((T)o)),
            StringComparer.Ordinal);
}
