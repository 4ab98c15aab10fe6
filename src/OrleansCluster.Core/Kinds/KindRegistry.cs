using System.Collections.Frozen;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Kinds;

/// <summary>The kinds the control plane serves. Adding a kind: a folder under <c>Kinds/</c> and one entry here.</summary>
public static class KindRegistry
{
    /// <summary>Every kind, in the order discovery lists them.</summary>
    public static readonly IReadOnlyList<KindDefinition> All =
    [
        new NamespaceKind(),
        new PodKind(),
        new ServiceKind(),
        new NodeKind(),
        new EventKind(),
        new ReplicationControllerKind(),
        new LeaseKind(),
        new DeploymentKind(),
        new ReplicaSetKind(),
    ];

    private static readonly FrozenDictionary<ResourceType, KindDefinition> ByType = All.ToFrozenDictionary(k => k.Type);

    /// <summary>The definition of <paramref name="type"/>; every registered type has one.</summary>
    public static KindDefinition For(ResourceType type) =>
        Find(type) ?? throw new ArgumentException($"kind {type.Kind} is not registered", nameof(type));

    /// <summary>The definition of <paramref name="type"/>, or null when it is not a registered type.</summary>
    public static KindDefinition? Find(ResourceType type) => ByType.GetValueOrDefault(type);
}
