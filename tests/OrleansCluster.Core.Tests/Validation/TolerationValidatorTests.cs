using k8s.Models;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class TolerationValidatorTests
{
    [Theory]
    [InlineData("gpu", "Equal", "yes", "NoSchedule", null, null, null)]
    [InlineData("gpu", "", "yes", "", null, null, null)]
    [InlineData("", "Exists", "", "", null, null, null)]
    [InlineData("node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300L, null, null)]
    [InlineData("", "Equal", "", "", null, "operator", "FieldValueInvalid")]
    [InlineData("a/b/c", "Exists", "", "", null, "key", "FieldValueInvalid")]
    [InlineData("gpu", "Exists", "yes", "", null, "operator", "FieldValueInvalid")]
    [InlineData("gpu", "Equal", "-yes", "", null, "operator", "FieldValueInvalid")]
    [InlineData("gpu", "In", "", "", null, "operator", "FieldValueNotSupported")]
    [InlineData("gpu", "Exists", "", "NoWay", null, "effect", "FieldValueNotSupported")]
    [InlineData("gpu", "Exists", "", "NoSchedule", 60L, "effect", "FieldValueInvalid")]
    public void Tolerations(string key, string op, string value, string effect, long? seconds, string? child, string? reason)
    {
        var toleration = new V1Toleration
        {
            Key = key, OperatorProperty = op, Value = value, Effect = effect, TolerationSeconds = seconds,
        };

        var causes = Objects.Causes(TolerationValidator.Validate([toleration], "spec.tolerations"));

        Assert.Equal(child is null ? [] : [($"spec.tolerations[0].{child}", reason!)], causes);
    }
}
