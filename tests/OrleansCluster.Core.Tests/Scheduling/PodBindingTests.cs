using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

public sealed class PodBindingTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, "n1", null)]
    [InlineData("Node", "n1", null)]
    [InlineData("Node", "", "target.name")]
    [InlineData("Pod", "n1", "target.kind")]
    public void A_binding_needs_a_node_name_and_can_only_target_a_node(string? kind, string name, string? field)
    {
        var errors = PodBinding.Validate(new V1Binding { Target = new V1ObjectReference { Kind = kind, Name = name } });

        Assert.Equal(field is null ? [] : [field], errors.Select(e => e.Field));
    }

    [Fact]
    public void Binding_sets_the_node_the_annotations_and_PodScheduled()
    {
        var pod = Make.Pod("web");
        var binding = new V1Binding
        {
            Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { ["note"] = "placed" } },
            Target = new V1ObjectReference { Name = "n1" },
        };

        Assert.Null(PodBinding.Refusal(pod));
        PodBinding.Apply(pod, binding, Now);

        Assert.Equal("n1", pod.Spec.NodeName);
        Assert.Equal("placed", pod.Metadata.Annotations["note"]);
        var condition = Assert.Single(pod.Status.Conditions);
        Assert.Equal(("PodScheduled", "True", Now), (condition.Type, condition.Status, condition.LastTransitionTime));
    }

    [Fact]
    public void A_bound_or_deleting_pod_is_refused_in_Kubernetes_words()
    {
        var bound = Make.Pod("a", edit: p => p.Spec.NodeName = "n1");
        var deleting = Make.Pod("b", edit: p => p.Metadata.DeletionTimestamp = Now);

        Assert.Equal("pod a is already assigned to node \"n1\"", PodBinding.Refusal(bound));
        Assert.Equal("pod b is being deleted, cannot be assigned to a host", PodBinding.Refusal(deleting));
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_holds()
    {
        var pod = Make.Pod("p");
        PodBinding.SetCondition(pod, new V1PodCondition { Type = "PodScheduled", Status = "False", Message = "0/1", LastTransitionTime = Now });

        Assert.False(PodBinding.SetCondition(pod, new V1PodCondition { Type = "PodScheduled", Status = "False", Message = "0/1", LastTransitionTime = Now.AddMinutes(1) }));
        Assert.True(PodBinding.SetCondition(pod, new V1PodCondition { Type = "PodScheduled", Status = "False", Message = "0/2", LastTransitionTime = Now.AddMinutes(2) }));
        Assert.Equal(Now, Assert.Single(pod.Status.Conditions).LastTransitionTime);
        Assert.True(PodBinding.SetCondition(pod, new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Now.AddMinutes(3) }));
        Assert.Equal(Now.AddMinutes(3), Assert.Single(pod.Status.Conditions).LastTransitionTime);
    }
}
