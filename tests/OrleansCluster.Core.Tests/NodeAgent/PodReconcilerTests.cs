using k8s.Models;
using OrleansCluster.Core.NodeAgent;
using static OrleansCluster.Core.NodeAgent.AgentAction;

namespace OrleansCluster.Core.Tests.NodeAgent;

public sealed class PodReconcilerTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ObservedImage Present = new(true);

    private static V1Pod Pod(string restartPolicy = "Always", string pullPolicy = "IfNotPresent", params string[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u1" },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = (containers.Length == 0 ? ["main"] : containers)
                .Select(n => new V1Container { Name = n, Image = "img:1", ImagePullPolicy = pullPolicy }).ToList(),
        },
    };

    private static ObservedContainer Exited(string name, int attempt, int step, int code, TimeSpan ran, TimeSpan ago) =>
        new(name, $"{name}-{attempt}", attempt, step, RunState.Exited, code, Now - ago - ran, Now - ago, "sha256:1");

    private static ObservedContainer Running(string name, int attempt = 0) =>
        new(name, $"{name}-{attempt}", attempt, 0, RunState.Running, null, Now.AddMinutes(-1), null, "sha256:1");

    private static ObservedPod Sandbox(params ObservedContainer[] containers) => new("sb", true, containers);

    [Fact]
    public void A_new_pod_gets_a_sandbox_then_its_containers()
    {
        var plan = PodReconciler.Reconcile(Pod(containers: ["a", "b"]), ObservedPod.Nothing, _ => Present, Now);

        Assert.Equal<AgentAction>([new RunSandbox(), new StartContainer("a", 0, 0), new StartContainer("b", 0, 0)], plan.Actions);
        Assert.All(plan.Containers, c => Assert.Equal("ContainerCreating", c.WaitingReason));
    }

    [Fact]
    public void A_running_pod_needs_nothing()
    {
        var plan = PodReconciler.Reconcile(Pod(), Sandbox(Running("main")), _ => Present, Now);

        Assert.Empty(plan.Actions);
        Assert.Null(plan.RequeueAfter);
    }

    [Theory]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 2, true)]
    [InlineData("Never", 1, false)]
    public void Exited_containers_restart_by_policy(string policy, int exitCode, bool restarts)
    {
        var plan = PodReconciler.Reconcile(Pod(policy), Sandbox(Exited("main", 0, 0, exitCode, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))), _ => Present, Now);

        Assert.Equal(restarts, plan.Actions.Contains(new StartContainer("main", 1, 1)));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 300)]
    [InlineData(9, 300)]
    public void Crash_loops_back_off_10s_doubling_to_5min(int previousStep, int expectedSeconds)
    {
        var justExited = Exited("main", 4, previousStep - 1, 1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        var plan = PodReconciler.Reconcile(Pod(), Sandbox(justExited), _ => Present, Now);

        Assert.Empty(plan.Actions);
        Assert.Equal("CrashLoopBackOff", plan.Containers[0].WaitingReason);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds - 1), plan.RequeueAfter);
    }

    [Fact]
    public void A_long_run_resets_the_back_off_and_old_attempts_go()
    {
        var old = Exited("main", 3, 5, 1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        var longRun = Exited("main", 4, 5, 1, TimeSpan.FromMinutes(11), TimeSpan.FromSeconds(11));

        var plan = PodReconciler.Reconcile(Pod(), Sandbox(old, longRun), _ => Present, Now);

        Assert.Equal<AgentAction>([new RemoveContainer("main-3"), new StartContainer("main", 5, 1)], plan.Actions);
    }

    [Fact]
    public void The_back_off_can_be_tuned_per_pod()
    {
        var pod = Pod();
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            [RestartBackoff.InitialAnnotation] = "1",
            [RestartBackoff.MaxAnnotation] = "4",
        };

        var plan = PodReconciler.Reconcile(pod, Sandbox(Exited("main", 7, 7, 1, TimeSpan.FromSeconds(1), TimeSpan.Zero)), _ => Present, Now);

        Assert.Equal(TimeSpan.FromSeconds(4), plan.RequeueAfter);
    }

    [Fact]
    public void Missing_images_are_pulled_and_failed_pulls_back_off()
    {
        var first = PodReconciler.Reconcile(Pod(), Sandbox(), _ => new ObservedImage(false), Now);
        var failed = PodReconciler.Reconcile(Pod(), Sandbox(), _ => new ObservedImage(false, "no such host", Now.AddSeconds(-1), 1), Now);
        var again = PodReconciler.Reconcile(Pod(), Sandbox(), _ => new ObservedImage(false, "no such host", Now.AddSeconds(-15), 2), Now);
        var never = PodReconciler.Reconcile(Pod(pullPolicy: "Never"), Sandbox(), _ => new ObservedImage(false), Now);

        Assert.Equal<AgentAction>([new PullImage("img:1"), new StartContainer("main", 0, 0)], first.Actions);
        Assert.Equal(("ErrImagePull", "no such host"), (failed.Containers[0].WaitingReason, failed.Containers[0].WaitingMessage));
        Assert.Equal("ImagePullBackOff", again.Containers[0].WaitingReason);
        Assert.Equal(TimeSpan.FromSeconds(5), again.RequeueAfter);
        Assert.Equal("ErrImageNeverPull", never.Containers[0].WaitingReason);
        Assert.Empty(never.Actions);
    }

    [Fact]
    public void A_lost_sandbox_starts_the_pod_over()
    {
        var plan = PodReconciler.Reconcile(Pod(), new ObservedPod("sb", false, [Running("main")]), _ => Present, Now);

        Assert.Equal<AgentAction>(
            [new StopContainer("main-0", TimeSpan.Zero), new RemoveContainer("main-0"), new RemoveSandbox("sb"), new RunSandbox(), new StartContainer("main", 0, 0)],
            plan.Actions);
    }

    [Fact]
    public void A_deleted_pod_is_stopped_gracefully_removed_and_confirmed()
    {
        var pod = Pod();
        pod.Metadata.DeletionTimestamp = Now;
        pod.Metadata.DeletionGracePeriodSeconds = 7;

        var plan = PodReconciler.Reconcile(pod, Sandbox(Running("main", 2), Exited("main", 1, 0, 1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1))), _ => Present, Now);

        Assert.Equal<AgentAction>(
            [new StopContainer("main-2", TimeSpan.FromSeconds(7)), new RemoveContainer("main-2"), new RemoveContainer("main-1"), new RemoveSandbox("sb")],
            plan.Actions);
        Assert.True(plan.ConfirmDeletion);
    }
}
