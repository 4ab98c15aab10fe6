using k8s;
using k8s.Models;
using OrleansCluster.Core.Controllers.Replicas;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.Replicas;

/// <summary>
/// What tells a ReplicaSet from a ReplicationController to their one controller: the kind, how to read it as a
/// <see cref="ReplicaOwner"/>, and how to write a <see cref="ReplicaStatus"/> into a copy of it (null when unchanged).
/// </summary>
public sealed record ReplicaKind<T>(
    string ControllerName, ResourceType Type, Func<T, ReplicaOwner> OwnerOf, Func<T, ReplicaStatus, DateTime, T?> WithStatus)
    where T : class, IKubernetesObject<V1ObjectMeta>;

public static class ReplicaKinds
{
    public static ReplicaKind<V1ReplicaSet> ReplicaSet(ResourceType type) => new(
        "replicaset", type, ReplicaOwner.Of,
        (set, status, now) => WithStatus(set, set.Status, ReplicaStatusFields.ForReplicaSet(status, set.Status, now), (c, s) => c.Status = s));

    public static ReplicaKind<V1ReplicationController> ReplicationController(ResourceType type) => new(
        "replicationcontroller", type, ReplicaOwner.Of,
        (rc, status, now) => WithStatus(rc, rc.Status, ReplicaStatusFields.ForReplicationController(status, rc.Status, now), (c, s) => c.Status = s));

    private static T? WithStatus<T, TStatus>(T owner, TStatus? current, TStatus written, Action<T, TStatus> set)
        where T : class
        where TStatus : class
    {
        if (Same(written, current))
        {
            return null;
        }

        var copy = ModelCodec.CloneModel(owner);
        set(copy, written);
        return copy;
    }

    private static bool Same(object written, object? current) =>
        current is not null && KubernetesJson.Serialize(written) == KubernetesJson.Serialize(current);
}
