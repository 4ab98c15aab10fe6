using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class JsonTextRulesTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":"a","annotations":{"k":"v"}},"spec":{"containers":[{"name":"c"}]}}""")]
    [InlineData("""{"metadata":{"name":"a","creationTimestamp":null},"spec":{"x":null}}""")]
    [InlineData("""{"metadata":{"annotations":{"k":"literally \\u0000, escaped"}}}""")]
    [InlineData("""{"metadata":{"annotations":{"k":"null"}},"items":["null"]}""")]
    [InlineData("not json at all [null] \\u0000")]
    public void Clean_text_and_text_it_cannot_read_have_no_errors(string json) =>
        Assert.Empty(JsonTextRules.Validate(json));

    [Theory]
    [InlineData("""{"metadata":{"name":"a\u0000"}}""", "metadata.name", "FieldValueInvalid")]
    [InlineData("""{"metadata":{"annotations":{"k":"x\u0000y"}}}""", "metadata.annotations.k", "FieldValueInvalid")]
    [InlineData("""{"metadata":{"labels":{"k\u0000":"v"}}}""", "metadata.labels", "FieldValueInvalid")]
    [InlineData("""{"spec":{"containers":[{"env":[{"name":"E","value":"\u0000"}]}]}}""", "spec.containers[0].env[0].value", "FieldValueInvalid")]
    [InlineData("""{"spec":{"ports":[null]}}""", "spec.ports[0]", "FieldValueRequired")]
    [InlineData("""{"spec":{"containers":[{"command":["sh",null]}]}}""", "spec.containers[0].command[1]", "FieldValueRequired")]
    [InlineData("""[null]""", "[0]", "FieldValueRequired")]
    public void Names_the_field_that_holds_NUL_or_a_null_item(string json, string field, string reason)
    {
        var error = Assert.Single(JsonTextRules.Validate(json));
        Assert.Equal(field, error.Field);
        Assert.Equal(reason, error.Reason);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void Reports_every_problem_in_one_answer()
    {
        var errors = JsonTextRules.Validate("""{"a":"\u0000","b":[null,{"c":"\u0000"}]}""");
        Assert.Equal(["a", "b[0]", "b[1].c"], errors.Select(e => e.Field));
    }
}
