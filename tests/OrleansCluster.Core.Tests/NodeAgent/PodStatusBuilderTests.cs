using k8s;
using k8s.Models;
using OrleansCluster.Core.NodeAgent;

namespace OrleansCluster.Core.Tests.NodeAgent;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, 500, DateTimeKind.Utc);
    private static readonly PodNodeFacts Facts = new("172.17.0.5", true, "127.0.0.1", "docker");

    private static V1Pod Pod(string restartPolicy = "Always", params string[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u1" },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = (containers.Length == 0 ? ["main"] : containers).Select(n => new V1Container { Name = n, Image = "img:1" }).ToList(),
        },
        Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" },
    };

    private static ObservedContainer Running(string name, int attempt = 0) =>
        new(name, $"{name}-{attempt}", attempt, 0, RunState.Running, null, Now.AddSeconds(-30.25), null, "sha256:1");

    private static ObservedContainer Exited(string name, int code, int attempt = 0) =>
        new(name, $"{name}-{attempt}", attempt, 0, RunState.Exited, code, Now.AddSeconds(-20.5), Now.AddSeconds(-10.5), "sha256:1");

    private static ContainerView View(ObservedContainer? latest, string? waiting = null, ObservedContainer? previous = null) =>
        new(latest?.Name ?? "main", latest, previous, waiting, waiting is null ? null : $"{waiting} message");

    [Fact]
    public void Running_containers_make_a_Running_Ready_pod_with_its_IPs()
    {
        var status = PodStatusBuilder.Build(Pod(), [View(Running("main"))], Facts, Now);

        Assert.Equal("Running", status.Phase);
        Assert.Equal(("172.17.0.5", "127.0.0.1"), (status.PodIP, status.HostIP));
        Assert.Equal("172.17.0.5", status.PodIPs.Single().Ip);
        Assert.All(status.Conditions, c => Assert.Equal("True", c.Status));
        var container = status.ContainerStatuses.Single();
        Assert.Equal((true, true, "docker://main-0"), (container.Ready, container.Started, container.ContainerID));
        Assert.Equal(new DateTime(2026, 11, 27, 11, 59, 30, DateTimeKind.Utc), container.State.Running.StartedAt);
        Assert.Equal(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc), status.StartTime);
    }

    [Fact]
    public void A_container_that_never_ran_keeps_the_pod_Pending_and_unready()
    {
        var status = PodStatusBuilder.Build(Pod("Always", "a", "b"),
            [View(Running("a")), new ContainerView("b", null, null, "ErrImagePull", "no such host")], Facts, Now);

        Assert.Equal("Pending", status.Phase);
        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [b]"), (ready.Status, ready.Reason, ready.Message));
        var b = status.ContainerStatuses.Single(c => c.Name == "b");
        Assert.Equal(("ErrImagePull", "no such host"), (b.State.Waiting.Reason, b.State.Waiting.Message));
        Assert.Null(b.ContainerID);
    }

    [Fact]
    public void A_crash_looping_container_counts_as_running_and_shows_its_last_termination()
    {
        var status = PodStatusBuilder.Build(Pod(), [View(Exited("main", 3, attempt: 2), "CrashLoopBackOff")], Facts, Now);

        Assert.Equal("Running", status.Phase);
        var container = status.ContainerStatuses.Single();
        Assert.Equal(2, container.RestartCount);
        Assert.Equal("CrashLoopBackOff", container.State.Waiting.Reason);
        Assert.Equal((3, "Error"), (container.LastState.Terminated.ExitCode, container.LastState.Terminated.Reason));
    }

    [Theory]
    [InlineData(0, 0, "Succeeded")]
    [InlineData(0, 1, "Failed")]
    public void Containers_that_ended_for_good_end_the_pod(int a, int b, string phase)
    {
        var status = PodStatusBuilder.Build(Pod("Never", "a", "b"), [View(Exited("a", a)), View(Exited("b", b))], Facts, Now);

        Assert.Equal(phase, status.Phase);
        Assert.Equal(("False", "PodCompleted"), (status.Conditions.Single(c => c.Type == "Ready").Status, status.Conditions.Single(c => c.Type == "Ready").Reason));
        Assert.Equal("False", status.Conditions.Single(c => c.Type == "PodReadyToStartContainers").Status);
    }

    [Fact]
    public void A_finished_pod_stays_finished()
    {
        var pod = Pod("Never");
        pod.Status.Phase = "Succeeded";
        var status = PodStatusBuilder.Build(pod, [new ContainerView("main", null, null, "ContainerCreating", null)], Facts, Now);

        Assert.Equal("Succeeded", status.Phase);
    }

    [Fact]
    public void Building_again_from_the_written_status_changes_nothing()
    {
        var pod = Pod();
        var views = new[] { View(Running("main", 1), previous: Exited("main", 1)) };
        pod.Status = KubernetesJson.Deserialize<V1PodStatus>(KubernetesJson.Serialize(PodStatusBuilder.Build(pod, views, Facts, Now)));

        var again = PodStatusBuilder.Build(pod, views, Facts, Now.AddMinutes(5));

        Assert.Equal(KubernetesJson.Serialize(pod.Status), KubernetesJson.Serialize(again));
    }

    [Fact]
    public void A_condition_that_changes_gets_a_new_transition_time_and_others_keep_theirs()
    {
        var pod = Pod();
        pod.Status = PodStatusBuilder.Build(pod, [View(Running("main"))], Facts, Now);
        var later = Now.AddMinutes(1);

        var status = PodStatusBuilder.Build(pod, [View(Exited("main", 1), "CrashLoopBackOff")], Facts, later);

        Assert.Equal(new DateTime(2026, 11, 27, 12, 1, 0, DateTimeKind.Utc), status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc), status.Conditions.Single(c => c.Type == "Initialized").LastTransitionTime);
    }

    [Fact]
    public void Conditions_of_other_components_are_kept()
    {
        var pod = Pod();
        pod.Status.Conditions = [new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "EvictionByEvictionAPI" }];

        var status = PodStatusBuilder.Build(pod, [View(Running("main"))], Facts, Now);

        Assert.Contains(status.Conditions, c => c.Type == "DisruptionTarget" && c.Reason == "EvictionByEvictionAPI");
    }
}
