using k8s.Models;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using static OrleansCluster.Core.Tests.Validation.Objects;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class PodUpdateValidatorTests
{
    private static readonly V1Toleration GpuToleration =
        new() { Key = "gpu", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 60 };

    public static TheoryData<string, Action<V1PodSpec>> AllowedChanges => new()
    {
        { "container image", s => s.Containers[0].Image = "nginx:1.28" },
        { "add a deadline", s => s.ActiveDeadlineSeconds = 60 },
        { "add a toleration", s => s.Tolerations.Add(new V1Toleration { Key = "x", OperatorProperty = "Exists" }) },
        { "change tolerationSeconds", s => s.Tolerations[0] = GpuToleration with { TolerationSeconds = 10 } },
        { "empty list for absent field", s => s.Volumes = [] },
    };

    public static TheoryData<string, Action<V1PodSpec>, string, string> ForbiddenChanges => new()
    {
        { "restart policy", s => s.RestartPolicy = "Never", "spec", "FieldValueForbidden" },
        { "bind through update", s => s.NodeName = "node-1", "spec", "FieldValueForbidden" },
        { "container env", s => s.Containers[0].Env = [new V1EnvVar { Name = "A", Value = "1" }], "spec", "FieldValueForbidden" },
        { "grace period", s => s.TerminationGracePeriodSeconds = 5, "spec", "FieldValueForbidden" },
        { "add container", s => s.Containers.Add(Container("sidecar")), "spec.containers", "FieldValueForbidden" },
        { "remove toleration", s => s.Tolerations.Clear(), "spec.tolerations", "FieldValueForbidden" },
        { "alter toleration", s => s.Tolerations[0] = GpuToleration with { Key = "tpu" }, "spec.tolerations", "FieldValueForbidden" },
        { "clear image", s => s.Containers[0].Image = "", "spec.containers[0].image", "FieldValueRequired" },
    };

    [Theory]
    [MemberData(nameof(AllowedChanges))]
    public void Allowed_changes_pass(string because, Action<V1PodSpec> change)
    {
        var (oldPod, newPod) = Pair(change);

        var errors = ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, oldPod);

        Assert.True(errors.Count == 0, $"{because}: {string.Join("; ", errors)}");
    }

    [Theory]
    [MemberData(nameof(ForbiddenChanges))]
    public void Forbidden_changes_are_refused(string because, Action<V1PodSpec> change, string field, string reason)
    {
        var (oldPod, newPod) = Pair(change);

        var errors = ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, oldPod);

        Assert.True(errors.Count == 1, $"{because}: {string.Join("; ", errors)}");
        Assert.Equal((field, reason), (errors[0].Field, errors[0].Reason));
    }

    [Fact]
    public void Spec_change_message_says_what_may_change_and_what_did()
    {
        var (oldPod, newPod) = Pair(s => s.NodeName = "node-2");
        oldPod.Spec.NodeName = "node-1";
        newPod.Spec.NodeName = "node-2";

        var error = Assert.Single(ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, oldPod));

        Assert.StartsWith("Forbidden: pod updates may not change fields other than `spec.containers[*].image`", error.Message);
        Assert.EndsWith("changed: spec.nodeName", error.Message);
    }

    [Theory]
    [InlineData(60L, 30L, null)]
    [InlineData(60L, 60L, null)]
    [InlineData(30L, 60L, "must be less than or equal to previous value")]
    [InlineData(60L, null, "must not update from a positive integer to nil value")]
    public void Deadline_may_only_shrink(long? oldDeadline, long? newDeadline, string? message)
    {
        var (oldPod, newPod) = Pair(_ => { });
        oldPod.Spec.ActiveDeadlineSeconds = oldDeadline;
        newPod.Spec.ActiveDeadlineSeconds = newDeadline;

        var errors = ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, oldPod);

        if (message is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(("spec.activeDeadlineSeconds", "FieldValueInvalid"), (error.Field, error.Reason));
            Assert.EndsWith(message, error.Message);
        }
    }

    private static (V1Pod Old, V1Pod New) Pair(Action<V1PodSpec> change)
    {
        var oldPod = Pod();
        oldPod.Spec.Tolerations = [GpuToleration];
        var newPod = Pod();
        newPod.Spec.Tolerations = [GpuToleration];
        change(newPod.Spec);
        return (oldPod, newPod);
    }
}
