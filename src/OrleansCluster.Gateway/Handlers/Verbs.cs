using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>The verbs a kind serves, as discovery lists them. Namespaces have no deletecollection, as in Kubernetes.</summary>
public static class Verbs
{
    private static readonly string[] All = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] WithoutCollectionDelete = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<string> Of(ResourceType type) =>
        type.Kind == "Namespace" ? WithoutCollectionDelete : All;
}
