using k8s.Models;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>A ReplicaSet asked for a different number of replicas in a pass: what the <c>ScalingReplicaSet</c> event says.</summary>
public sealed record ReplicaSetScaling(string Name, int From, int To)
{
    public string Message => From == 0 && To > 0 && Created
        ? $"Scaled up replica set {Name} to {To}"
        : $"Scaled {(To > From ? "up" : "down")} replica set {Name} to {To} from {From}";

    /// <summary>The ReplicaSet was created at this size in the pass (Kubernetes then says no "from").</summary>
    public bool Created { get; init; }
}

/// <summary>An automatic rollback: the template to put back in the Deployment's spec, and the revision it was.</summary>
public sealed record Rollback(V1PodTemplateSpec Template, long Revision)
{
    public const string Reason = "RolledBack";

    public string Message => $"Rolled back to revision {Revision} after the progress deadline";
}

/// <summary>
/// What a Deployment's pass must do, as plain data: the new ReplicaSet to create (at most one), ReplicaSets to update
/// (adopted, scaled, re-annotated — one whole copy each, written guarded by its resourceVersion), ReplicaSets to
/// release (a copy without the Deployment's controller reference) and to delete (history past the limit, guarded by
/// uid), the scalings to announce as events, the Deployment's annotations when they change, an automatic rollback,
/// the status to write, and when to look again (a progress deadline or a name collision).
/// </summary>
public sealed record DeploymentPlan(
    V1ReplicaSet? Create,
    IReadOnlyList<V1ReplicaSet> Update,
    IReadOnlyList<V1ReplicaSet> Release,
    IReadOnlyList<V1ReplicaSet> Delete,
    IReadOnlyList<ReplicaSetScaling> Scalings,
    IDictionary<string, string>? Annotations,
    Rollback? Rollback,
    V1DeploymentStatus Status,
    TimeSpan? RequeueAfter);
