using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests.Objects;

public sealed class ModelCodecTests
{
    [Theory]
    [InlineData("{\"metadata\":{\"name\":")]
    [InlineData("{\"kind\":[\"x\",null,{}],\"metadata\":{\"name\":\"n\"}}")]
    [InlineData("{\"apiVers.ion\":\"\\u0000\\uFFFD\\uD83D0\",\"kind\":[\"x\",null,{}],\"metadata\":{\"name\":\"fz-6\"}}")]
    [InlineData("{\"metadata\":{\"labels\":[1,2]}}")]
    [InlineData("{\"metadata\":{\"creationTimestamp\":\"not a time\"}}")]
    [InlineData("[1,2,3]")]
    public void Malformed_bodies_are_format_errors(string json) =>
        Assert.Throws<FormatException>(() => ModelCodec.Parse(ResourceTypes.Namespace, json));

    [Fact]
    public void A_valid_body_round_trips()
    {
        var ns = ModelCodec.Parse(ResourceTypes.Namespace, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\"}}");

        Assert.Equal("a", ns.Metadata.Name);
        Assert.Contains("\"name\":\"a\"", ModelCodec.Write(ns));
    }
}
