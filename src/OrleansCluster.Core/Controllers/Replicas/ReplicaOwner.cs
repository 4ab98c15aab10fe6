using k8s.Models;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>
/// A controller that keeps N copies of a pod template (a ReplicaSet, or the classic ReplicationController), as the
/// replica planner sees it: both kinds differ only in how they spell their selector.
/// </summary>
public sealed record ReplicaOwner(
    string ApiVersion,
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    int Replicas,
    LabelSelector Selector,
    V1PodTemplateSpec Template,
    int MinReadySeconds,
    bool Deleting)
{
    /// <summary>The reference this owner stamps on the pods it makes or adopts.</summary>
    public V1OwnerReference ControllerReference => OwnerReferences.ControllerReference(ApiVersion, Kind, Name, Uid);

    /// <exception cref="SelectorParseException">when the stored selector cannot be read (validation keeps that out).</exception>
    public static ReplicaOwner Of(V1ReplicaSet set) => new(
        "apps/v1", "ReplicaSet", set.Metadata.NamespaceProperty, set.Metadata.Name, set.Metadata.Uid,
        set.Metadata.Generation ?? 0, set.Spec?.Replicas ?? 1, LabelSelector.FromMetav1(set.Spec?.Selector),
        set.Spec?.Template ?? new V1PodTemplateSpec(), set.Spec?.MinReadySeconds ?? 0, set.Metadata.DeletionTimestamp is not null);

    /// <summary>A ReplicationController; its map selector selects nothing when empty (defaulting fills it from the template).</summary>
    public static ReplicaOwner Of(V1ReplicationController controller)
    {
        var selector = controller.Spec?.Selector is { Count: > 0 } map
            ? LabelSelector.Of(map.Select(kv => LabelRequirement.Create(kv.Key, SelectorOperator.Equals, [kv.Value])))
            : LabelSelector.Nothing;
        return new ReplicaOwner(
            "v1", "ReplicationController", controller.Metadata.NamespaceProperty, controller.Metadata.Name,
            controller.Metadata.Uid, controller.Metadata.Generation ?? 0, controller.Spec?.Replicas ?? 1, selector,
            controller.Spec?.Template ?? new V1PodTemplateSpec(), controller.Spec?.MinReadySeconds ?? 0,
            controller.Metadata.DeletionTimestamp is not null);
    }
}
