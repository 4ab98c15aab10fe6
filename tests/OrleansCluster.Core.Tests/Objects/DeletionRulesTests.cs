using k8s;
using k8s.Models;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests.Objects;

public sealed class DeletionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private static V1Pod Pod(string? node = null, string? phase = null, long? grace = null, params string[] finalizers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", Finalizers = finalizers.Length == 0 ? null : finalizers },
        Spec = new V1PodSpec { NodeName = node, TerminationGracePeriodSeconds = grace },
        Status = new V1PodStatus { Phase = phase },
    };

    public static TheoryData<string, IKubernetesObject<V1ObjectMeta>, long?, DeletionDecision> Cases => new()
    {
        { "unscheduled pod", Pod(), null, new DeletionDecision.RemoveNow() },
        { "pod on a node, default grace", Pod("n1", "Running", 30), null, new DeletionDecision.Mark(Now.AddSeconds(30), 30) },
        { "pod on a node, requested grace", Pod("n1", "Running", 30), 5, new DeletionDecision.Mark(Now.AddSeconds(5), 5) },
        { "pod on a node, forced", Pod("n1", "Running", 30), 0, new DeletionDecision.RemoveNow() },
        { "finished pod on a node", Pod("n1", "Succeeded", 30), null, new DeletionDecision.RemoveNow() },
        { "pod with a finalizer", Pod(null, null, null, "x/y"), null, new DeletionDecision.Mark(Now, 0) },
        { "forced pod with a finalizer", Pod("n1", "Running", 30, "x/y"), 0, new DeletionDecision.Mark(Now, 0) },
        { "service", new V1Service { Metadata = new V1ObjectMeta { Name = "s" } }, null, new DeletionDecision.RemoveNow() },
        {
            "namespace with the kubernetes finalizer",
            new V1Namespace { Metadata = new V1ObjectMeta { Name = "n" }, Spec = new V1NamespaceSpec { Finalizers = ["kubernetes"] } },
            null,
            new DeletionDecision.Mark(Now, 0)
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_like_Kubernetes(string what, IKubernetesObject<V1ObjectMeta> obj, long? grace, DeletionDecision expected)
    {
        var type = ResourceTypes.FindByKind(obj.GetType().Name[2..]) ?? ResourceTypes.Pod;

        Assert.True(expected == DeletionRules.Decide(type, obj, grace, Now), what);
    }

    [Fact]
    public void A_second_delete_may_only_shorten_the_wait()
    {
        var pod = Pod("n1", "Running", 30);
        pod.Metadata.DeletionTimestamp = Now.AddSeconds(30);
        pod.Metadata.DeletionGracePeriodSeconds = 30;

        var longer = DeletionRules.Decide(ResourceTypes.Pod, pod, 60, Now);
        var shorter = DeletionRules.Decide(ResourceTypes.Pod, pod, 5, Now);

        Assert.Equal(new DeletionDecision.Mark(Now.AddSeconds(30), 30), longer);
        Assert.Equal(new DeletionDecision.Mark(Now.AddSeconds(5), 5), shorter);
    }

    [Fact]
    public void A_marked_object_is_ready_to_remove_once_its_finalizers_are_gone()
    {
        var pod = Pod(null, null, null, "x/y");
        pod.Metadata.DeletionTimestamp = Now;
        Assert.False(DeletionRules.ReadyToRemove(pod));

        pod.Metadata.Finalizers = [];
        Assert.True(DeletionRules.ReadyToRemove(pod));
    }

    [Fact]
    public void A_running_pod_freed_of_its_finalizers_waits_out_its_grace_unless_its_final_delete_came_already()
    {
        var pod = Pod("n1", "Running", 30);
        pod.Metadata.DeletionTimestamp = Now.AddSeconds(30);
        pod.Metadata.DeletionGracePeriodSeconds = 30;
        Assert.False(DeletionRules.ReadyToRemove(pod));

        pod.Metadata.DeletionGracePeriodSeconds = 0;
        Assert.True(DeletionRules.ReadyToRemove(pod));
    }
}
