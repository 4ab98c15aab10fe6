using System.Text.Json;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Tests.Objects;

public sealed class JsonTreeTests
{
    [Fact]
    public void A_repeated_member_keeps_its_last_value_unless_the_options_refuse_it()
    {
        Assert.Equal("""{"a":"2"}""", JsonTree.Parse("""{"a":"1","a":"2"}""")!.ToJsonString());
        Assert.Throws<JsonException>(() => JsonTree.Parse("""{"a":"1","a":"2"}""", new JsonDocumentOptions { AllowDuplicateProperties = false }));
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":["x","\udc00y"]}""")]
    [InlineData("""{"a":""")]
    public void Text_that_is_not_JSON_or_not_UTF16_fails_at_the_parse(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonTree.Parse(json));
}
