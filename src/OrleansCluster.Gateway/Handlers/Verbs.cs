using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>The verbs a kind serves, as discovery lists them. Kinds without <see cref="KindDefinition.DeleteCollection"/> (namespaces) have no deletecollection.</summary>
public static class Verbs
{
    private static readonly string[] All = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] WithoutCollectionDelete = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<string> Of(ResourceType type) =>
        KindRegistry.For(type).DeleteCollection ? All : WithoutCollectionDelete;
}
