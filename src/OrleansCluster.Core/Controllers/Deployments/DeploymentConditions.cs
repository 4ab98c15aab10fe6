using k8s.Models;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>The status counts a Deployment reports, before and after a pass.</summary>
public sealed record RolloutCounts(int Replicas, int UpdatedReplicas, int ReadyReplicas, int AvailableReplicas);

/// <summary>
/// A Deployment's <c>Available</c> and <c>Progressing</c> conditions, as <c>kubectl rollout status</c> reads them:
/// available while at least replicas − maxUnavailable pods are; progressing (its last-update time moved) whenever a
/// pass sees more updated, ready or available pods or fewer old ones; complete once every pod is updated and
/// available; failed (<c>ProgressDeadlineExceeded</c>) when no progress was seen for <c>progressDeadlineSeconds</c>.
/// A paused Deployment's progress is Unknown and never times out.
/// </summary>
public static class DeploymentConditions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";

    /// <summary>The conditions after a pass, and when to look again to notice a deadline passing.</summary>
    /// <param name="observedCurrent">The status is of the current generation (<c>observedGeneration ≥ generation</c>).</param>
    public static (IList<V1DeploymentCondition> Conditions, TimeSpan? CheckAgainIn) Compute(
        IList<V1DeploymentCondition>? previous, RolloutCounts before, RolloutCounts after, int replicas, RolloutLimits limits,
        string newReplicaSet, int progressDeadlineSeconds, bool paused, bool observedCurrent, DateTime now)
    {
        var conditions = (previous ?? []).Where(c => c.Type is not (Available or Progressing)).ToList();
        var available = after.AvailableReplicas >= replicas - Math.Min(limits.MaxUnavailable, replicas);
        conditions.Add(Set(Find(previous, Available), Available, available ? "True" : "False",
            available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now, progressed: false));

        var current = Find(previous, Progressing);
        var complete = after.UpdatedReplicas == replicas && after.Replicas == replicas && after.AvailableReplicas == replicas && observedCurrent;
        var progressed = after.UpdatedReplicas > before.UpdatedReplicas
            || after.Replicas - after.UpdatedReplicas < before.Replicas - before.UpdatedReplicas
            || after.ReadyReplicas > before.ReadyReplicas
            || after.AvailableReplicas > before.AvailableReplicas;
        var set = $"ReplicaSet \"{newReplicaSet}\"";
        V1DeploymentCondition progressing;
        if (paused)
        {
            progressing = Set(current, Progressing, "Unknown", DeploymentPaused, "Deployment is paused", now, progressed: false);
        }
        else if (current?.Reason == DeploymentPaused)
        {
            progressing = Set(current, Progressing, "Unknown", DeploymentResumed, "Deployment is resumed", now, progressed: true);
        }
        else if (complete)
        {
            progressing = Set(current, Progressing, "True", NewReplicaSetAvailable, $"{set} has successfully progressed.", now, progressed: false);
        }
        else if (progressed || current is null)
        {
            progressing = Set(current, Progressing, "True", ReplicaSetUpdated, $"{set} is progressing.", now, progressed: true);
        }
        else if (current.Reason == ProgressDeadlineExceeded
                 || (current.Reason != NewReplicaSetAvailable && (current.LastUpdateTime ?? now).AddSeconds(progressDeadlineSeconds) < now))
        {
            progressing = Set(current, Progressing, "False", ProgressDeadlineExceeded, $"{set} has timed out progressing.", now, progressed: false);
        }
        else
        {
            progressing = current;
        }

        conditions.Add(progressing);
        TimeSpan? again = null;
        if (!paused && !complete && progressing.Status != "False")
        {
            var deadline = (progressing.LastUpdateTime ?? now).AddSeconds(progressDeadlineSeconds) - now;
            again = deadline > TimeSpan.FromSeconds(1) ? deadline + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
        }

        return (conditions, again);
    }

    /// <summary>Whether the Deployment's rollout has failed by its deadline.</summary>
    public static bool TimedOut(IList<V1DeploymentCondition>? conditions) =>
        Find(conditions, Progressing) is { Status: "False", Reason: ProgressDeadlineExceeded };

    private static V1DeploymentCondition? Find(IList<V1DeploymentCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// The condition as it now reads: unchanged when status and reason are (unless progress moves its update time); its
    /// transition time kept while its status is.
    /// </summary>
    private static V1DeploymentCondition Set(V1DeploymentCondition? current, string type, string status, string reason,
        string message, DateTime now, bool progressed)
    {
        if (current is not null && current.Status == status && current.Reason == reason && !progressed)
        {
            return current;
        }

        return new V1DeploymentCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = current is not null && current.Status == status ? current.LastTransitionTime : now,
        };
    }
}
