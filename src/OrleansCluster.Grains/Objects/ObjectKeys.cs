using OrleansCluster.Abstractions;
using OrleansCluster.Core.Resources;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Objects;

/// <summary>Grain keys of API objects: <c>pods/default/web</c>, <c>namespaces/default</c>.</summary>
public static class ObjectKeys
{
    private static readonly Dictionary<string, ResourceType> ByQualifiedPlural =
        ResourceTypes.All.ToDictionary(t => t.QualifiedPlural, StringComparer.Ordinal);

    /// <summary>The grain key of an object of <paramref name="type"/>.</summary>
    public static string For(ResourceType type, string? ns, string name) =>
        type.ObjectKey(ns, name);

    /// <summary>The kind and store key named by a grain key; throws <see cref="ApiException"/> (400) when it names none.</summary>
    public static (ResourceType Type, ObjectKey Key) Parse(string grainKey)
    {
        var parts = grainKey.Split('/');
        if (parts.Length is < 2 or > 3 || !ByQualifiedPlural.TryGetValue(parts[0], out var type)
            || parts.Length != (type.Namespaced ? 3 : 2))
        {
            throw ApiException.BadRequest($"\"{grainKey}\" does not name an object");
        }

        return type.Namespaced
            ? (type, new ObjectKey(parts[0], parts[1], parts[2]))
            : (type, new ObjectKey(parts[0], "", parts[1]));
    }

    /// <summary>The store's name for a resource: its plural, group-qualified outside the core group.</summary>
    public static ResourceType ResourceOf(string qualifiedPlural) =>
        ByQualifiedPlural.TryGetValue(qualifiedPlural, out var type)
            ? type
            : throw new ApiException(404, "NotFound", $"the server could not find the requested resource ({qualifiedPlural})");
}
