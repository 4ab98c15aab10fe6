using k8s.Models;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class ResourceRequirementsValidatorTests
{
    private const string Path = "spec.containers[0].resources";

    [Theory]
    [InlineData("cpu", "500m", "1", null, null)]
    [InlineData("cpu", "1", "1", null, null)]
    [InlineData("memory", "128Mi", null, null, null)]
    [InlineData("cpu", "2", "1", Path + ".requests", "must be less than or equal to cpu limit of 1")]
    [InlineData("memory", "1Gi", "512Mi", Path + ".requests", "must be less than or equal to memory limit of 512Mi")]
    [InlineData("cpu", "-1", null, Path + ".requests[cpu]", "must be greater than or equal to 0")]
    [InlineData("gpu", "1", null, Path + ".requests[gpu]", "must be a standard resource type or fully qualified")]
    [InlineData("example.com/gpu", "1", "2", Path + ".requests", "must be equal to example.com/gpu limit of 2")]
    [InlineData("example.com/gpu", "1", null, Path + ".limits", "Limit must be set for non overcommitable resources")]
    [InlineData("hugepages-2Mi", "2Mi", "4Mi", Path + ".requests", "must be equal to hugepages-2Mi limit of 4Mi")]
    public void Requests_and_limits(string resource, string request, string? limit, string? field, string? message)
    {
        var resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { [resource] = new(request) },
            Limits = limit is null ? null : new Dictionary<string, ResourceQuantity> { [resource] = new(limit) },
        };

        var errors = ResourceRequirementsValidator.Validate(resources, Path).ToList();

        if (field is null)
        {
            Assert.Empty(errors);
            return;
        }

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.EndsWith(message!, error.Message);
    }

    [Fact]
    public void Extended_resources_come_in_whole_units()
    {
        var half = new Dictionary<string, ResourceQuantity> { ["example.com/gpu"] = new("500m") };

        var errors = ResourceRequirementsValidator.Validate(new V1ResourceRequirements { Limits = half, Requests = half }, Path);

        Assert.Equal(
            [(Path + ".limits[example.com/gpu]", "FieldValueInvalid"), (Path + ".requests[example.com/gpu]", "FieldValueInvalid")],
            Objects.Causes(errors));
    }

    [Fact]
    public void Request_over_limit_reads_like_kubernetes()
    {
        var resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1") },
        };

        var error = Assert.Single(ResourceRequirementsValidator.Validate(resources, Path));

        Assert.Equal(
            "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            error.ToString());
    }
}
