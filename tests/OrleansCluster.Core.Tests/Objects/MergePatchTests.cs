using System.Text.Json.Nodes;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Tests.Objects;

public sealed class MergePatchTests
{
    // The examples of RFC 7386's appendix.
    [Theory]
    [InlineData("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"a\":null}", "{}")]
    [InlineData("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}")]
    [InlineData("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}")]
    [InlineData("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}")]
    [InlineData("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}")]
    [InlineData("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]")]
    [InlineData("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]")]
    [InlineData("{\"a\":\"foo\"}", "null", "null")]
    [InlineData("{\"a\":\"foo\"}", "\"bar\"", "\"bar\"")]
    [InlineData("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}")]
    [InlineData("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}")]
    [InlineData("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}")]
    public void Follows_RFC_7386(string target, string patch, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(MergePatch.Apply(target, patch))));

    [Fact]
    public void A_malformed_patch_is_a_format_error() =>
        Assert.Throws<FormatException>(() => MergePatch.Apply("{}", "{not json"));

    [Theory]
    [InlineData("""{"metadata":{"labels":{"a":"1","a":"2"}}}""")]
    [InlineData("""{"metadata":{"labels":{"a":"\ud800"}}}""")]
    public void A_patch_with_a_repeated_member_or_a_lone_surrogate_is_a_format_error(string patch) =>
        Assert.Throws<FormatException>(() => MergePatch.Apply("""{"metadata":{"name":"x"}}""", patch));
}
