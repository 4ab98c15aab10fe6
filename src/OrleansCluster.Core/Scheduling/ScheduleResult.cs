namespace OrleansCluster.Core.Scheduling;

/// <summary>The outcome of scheduling one pod: <see cref="Scheduled"/> or <see cref="Unschedulable"/>.</summary>
public abstract record ScheduleResult;

/// <summary>
/// The pod goes to <paramref name="NodeName"/>. <paramref name="Scores"/> holds the chosen node's weighted score
/// per score plugin (empty when only one node was feasible, as scoring is then skipped).
/// </summary>
public sealed record Scheduled(string NodeName, IReadOnlyDictionary<string, long> Scores, int FeasibleNodes) : ScheduleResult
{
    public long TotalScore => Scores.Values.Sum();
}

/// <summary>
/// No node fits. <paramref name="Message"/> is Kubernetes' text for the PodScheduled=False condition and the
/// FailedScheduling event; <paramref name="Reasons"/> counts the nodes per reason.
/// </summary>
public sealed record Unschedulable(string Message, IReadOnlyDictionary<string, int> Reasons) : ScheduleResult
{
    /// <summary>The PodScheduled condition's reason for such a pod.</summary>
    public const string ConditionReason = "Unschedulable";
}
