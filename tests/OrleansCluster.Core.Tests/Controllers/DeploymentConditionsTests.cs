using k8s.Models;
using OrleansCluster.Core.Controllers.Deployments;
using static OrleansCluster.Core.Controllers.Deployments.DeploymentConditions;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class DeploymentConditionsTests
{
    private static readonly DateTime T0 = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RolloutLimits Limits = new(1, 1);

    private static (IList<V1DeploymentCondition> Conditions, TimeSpan? Again) Pass(
        IList<V1DeploymentCondition>? previous, RolloutCounts before, RolloutCounts after, DateTime now, bool paused = false) =>
        Compute(previous, before, after, replicas: 3, Limits, "web-abc", progressDeadlineSeconds: 60, paused, observedCurrent: true, now);

    private static V1DeploymentCondition Get(IList<V1DeploymentCondition> conditions, string type) => conditions.Single(c => c.Type == type);

    [Fact]
    public void A_rollout_progresses_completes_and_reports_availability()
    {
        var (started, again) = Pass(null, new(3, 0, 3, 3), new(4, 1, 3, 3), T0);
        Assert.Equal(("True", ReplicaSetUpdated, "ReplicaSet \"web-abc\" is progressing."),
            (Get(started, Progressing).Status, Get(started, Progressing).Reason, Get(started, Progressing).Message));
        Assert.Equal("True", Get(started, Available).Status);
        Assert.Equal(TimeSpan.FromSeconds(61), again);

        var (done, doneAgain) = Pass(started, new(4, 1, 3, 3), new(3, 3, 3, 3), T0.AddSeconds(30));
        Assert.Equal(("True", NewReplicaSetAvailable), (Get(done, Progressing).Status, Get(done, Progressing).Reason));
        Assert.Equal(T0, Get(done, Progressing).LastTransitionTime);
        Assert.Null(doneAgain);
    }

    [Fact]
    public void Without_progress_for_the_deadline_the_rollout_fails_and_stays_failed()
    {
        var (started, _) = Pass(null, new(3, 0, 3, 3), new(4, 1, 3, 2), T0);
        var (waiting, _) = Pass(started, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddSeconds(59));
        Assert.Equal(ReplicaSetUpdated, Get(waiting, Progressing).Reason);
        Assert.Equal(T0, Get(waiting, Progressing).LastUpdateTime);

        var (failed, again) = Pass(waiting, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddSeconds(61));
        Assert.Equal(("False", ProgressDeadlineExceeded), (Get(failed, Progressing).Status, Get(failed, Progressing).Reason));
        Assert.True(TimedOut(failed));
        Assert.Null(again);
        Assert.True(TimedOut(Pass(failed, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddSeconds(90)).Conditions));
    }

    [Fact]
    public void Progress_moves_the_deadline()
    {
        var (started, _) = Pass(null, new(3, 0, 3, 3), new(4, 1, 3, 2), T0);
        var (moved, _) = Pass(started, new(4, 1, 3, 2), new(4, 1, 4, 3), T0.AddSeconds(50));
        Assert.Equal(T0.AddSeconds(50), Get(moved, Progressing).LastUpdateTime);
        Assert.Equal(T0, Get(moved, Progressing).LastTransitionTime);
        Assert.False(TimedOut(Pass(moved, new(4, 1, 4, 3), new(4, 1, 4, 3), T0.AddSeconds(100)).Conditions));
    }

    [Fact]
    public void A_paused_rollout_never_times_out_and_says_so_when_resumed()
    {
        var (paused, again) = Pass(null, new(4, 1, 3, 2), new(4, 1, 3, 2), T0, paused: true);
        Assert.Equal(("Unknown", DeploymentPaused), (Get(paused, Progressing).Status, Get(paused, Progressing).Reason));
        Assert.Null(again);
        var (still, _) = Pass(paused, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddHours(1), paused: true);
        Assert.Equal(DeploymentPaused, Get(still, Progressing).Reason);

        var (resumed, _) = Pass(still, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddHours(2));
        Assert.Equal(DeploymentResumed, Get(resumed, Progressing).Reason);
        Assert.False(TimedOut(Pass(resumed, new(4, 1, 3, 2), new(4, 1, 3, 2), T0.AddHours(2).AddSeconds(30)).Conditions));
    }

    [Fact]
    public void Below_replicas_minus_maxUnavailable_the_Deployment_is_not_available()
    {
        var (conditions, _) = Pass(null, new(3, 3, 3, 3), new(3, 3, 1, 1), T0);
        Assert.Equal(("False", "MinimumReplicasUnavailable"), (Get(conditions, Available).Status, Get(conditions, Available).Reason));
    }

    [Fact]
    public void A_completed_rollout_scaled_up_without_progress_does_not_time_out()
    {
        var (done, _) = Pass(null, new(3, 3, 3, 3), new(3, 3, 3, 3), T0);
        Assert.Equal(NewReplicaSetAvailable, Get(done, Progressing).Reason);
        var (scaled, _) = Pass(done, new(3, 3, 3, 3), new(3, 3, 3, 2), T0.AddHours(1));
        Assert.False(TimedOut(scaled));
    }
}
