using k8s.Models;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>A pod to delete, with the uid the delete must find (a pod of the same name made since is not touched).</summary>
public sealed record PodToDelete(string Name, string Uid);

/// <summary>
/// The status fields ReplicaSet and ReplicationController share. <paramref name="Failure"/> is the ReplicaFailure
/// condition's reason and message while the last pass could not create or delete a pod.
/// </summary>
public sealed record ReplicaStatus(
    int Replicas, int FullyLabeledReplicas, int ReadyReplicas, int AvailableReplicas, long ObservedGeneration,
    (string Reason, string Message)? Failure = null);

/// <summary>
/// What a replica owner's pass must do, as plain data: pods to adopt (add the owner's controller reference) and to
/// release (drop it), pods to create (in slow-start batches), pods to delete (most expendable first), the status to
/// write, and when to look again when time alone will change the answer (a pod becoming available).
/// </summary>
public sealed record ReplicaPlan(
    IReadOnlyList<V1Pod> Adopt,
    IReadOnlyList<V1Pod> Release,
    IReadOnlyList<V1Pod> Create,
    IReadOnlyList<PodToDelete> Delete,
    ReplicaStatus Status,
    TimeSpan? RequeueAfter);
