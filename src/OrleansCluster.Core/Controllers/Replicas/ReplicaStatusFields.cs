using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>
/// A <see cref="ReplicaStatus"/> written as each kind spells its status: the counts, <c>observedGeneration</c>, and
/// the <c>ReplicaFailure</c> condition while creating or deleting pods fails (its transition time kept while it holds).
/// </summary>
public static class ReplicaStatusFields
{
    public const string ReplicaFailure = "ReplicaFailure";

    public static V1ReplicaSetStatus ForReplicaSet(ReplicaStatus status, V1ReplicaSetStatus? current, DateTime now)
    {
        var previous = current?.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailure);
        var others = current?.Conditions?.Where(c => c.Type != ReplicaFailure) ?? [];
        List<V1ReplicaSetCondition> conditions = [.. others];
        if (status.Failure is var (reason, message))
        {
            conditions.Add(new V1ReplicaSetCondition
            {
                Type = ReplicaFailure,
                Status = "True",
                Reason = reason,
                Message = message,
                LastTransitionTime = Since(previous?.Status, previous?.LastTransitionTime, now),
            });
        }

        return new V1ReplicaSetStatus
        {
            Replicas = status.Replicas,
            FullyLabeledReplicas = status.FullyLabeledReplicas,
            ReadyReplicas = status.ReadyReplicas,
            AvailableReplicas = status.AvailableReplicas,
            ObservedGeneration = status.ObservedGeneration,
            Conditions = conditions.Count == 0 ? null : conditions,
        };
    }

    /// <summary>A ReplicationController's status: the same fields as a ReplicaSet's, spelled the same on the wire.</summary>
    public static V1ReplicationControllerStatus ForReplicationController(
        ReplicaStatus status, V1ReplicationControllerStatus? current, DateTime now) =>
        Convert<V1ReplicationControllerStatus>(ForReplicaSet(status, current is null ? null : Convert<V1ReplicaSetStatus>(current), now));

    private static T Convert<T>(object status) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(status));

    private static DateTime Since(string? previousStatus, DateTime? previousTime, DateTime now) =>
        previousStatus == "True" && previousTime is { } t ? t : now;
}
