using OrleansCluster.Gateway.Routing;

namespace OrleansCluster.Gateway.Tests.Routing;

public sealed class RawPathTests
{
    [Theory]
    [InlineData("/api/v1/namespaces/x/pods/..", "..")]
    [InlineData("/api/v1/namespaces/x/pods/%2e%2e", "..")]
    [InlineData("/api/v1/namespaces/x/pods/%2E%2e?watch=true", "..")]
    [InlineData("/api/v1/namespaces/x/pods/.%2e/y", "..")]
    [InlineData("/api/v1/namespaces/x/pods/%2e", ".")]
    [InlineData("/api/v1/namespaces/x/pods/./y", ".")]
    [InlineData("https://127.0.0.1:6443/api/v1/pods/..", "..")]
    public void Finds_a_dot_segment_however_it_is_encoded(string target, string segment) =>
        Assert.Equal(segment, RawPath.DotSegment(target));

    [Theory]
    [InlineData("/api/v1/namespaces/x/pods/a.b")]
    [InlineData("/api/v1/namespaces/x/pods/...")]
    [InlineData("/api/v1/namespaces/x/pods/%2e%2e%2e")]
    [InlineData("/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3D..")]
    [InlineData("/api/v1/namespaces/x/pods/x#/..")]
    [InlineData("/api/v1/namespaces//pods")]
    [InlineData("/version")]
    public void Leaves_other_targets_alone(string target) => Assert.Null(RawPath.DotSegment(target));
}
