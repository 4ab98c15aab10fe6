using System.Collections.Frozen;
using OrleansCluster.Core.Kinds;

namespace OrleansCluster.Core.Resources;

/// <summary>Lookups over the registered kinds (<see cref="KindRegistry"/>) by plural or kind name, and shorthands for each.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType Namespace = NamespaceKind.Resource;

    public static readonly ResourceType Pod = PodKind.Resource;

    public static readonly ResourceType Service = ServiceKind.Resource;

    public static readonly ResourceType Node = NodeKind.Resource;

    public static readonly ResourceType Event = EventKind.Resource;

    /// <summary>Node heartbeats (in <c>kube-node-lease</c>) and leader election, as in Kubernetes.</summary>
    public static readonly ResourceType Lease = LeaseKind.Resource;

    public static readonly ResourceType ReplicationController = ReplicationControllerKind.Resource;

    public static readonly ResourceType ReplicaSet = ReplicaSetKind.Resource;

    public static readonly ResourceType Deployment = DeploymentKind.Resource;

    /// <summary>Every kind, in the order discovery lists them (<see cref="KindRegistry"/>'s).</summary>
    public static readonly IReadOnlyList<ResourceType> All = [.. KindRegistry.All.Select(k => k.Type)];

    private static readonly FrozenDictionary<string, ResourceType> ByPlural =
        All.ToFrozenDictionary(t => t.Plural, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ResourceType> ByKind =
        All.ToFrozenDictionary(t => t.Kind, StringComparer.Ordinal);

    /// <summary>The kind served under <paramref name="plural"/> (e.g. <c>pods</c>), or null.</summary>
    public static ResourceType? FindByPlural(string plural) => ByPlural.GetValueOrDefault(plural);

    /// <summary>The kind named <paramref name="kind"/> (e.g. <c>Pod</c>), or null.</summary>
    public static ResourceType? FindByKind(string kind) => ByKind.GetValueOrDefault(kind);
}
