using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Tests.Selectors;

public sealed class FieldSelectorTests
{
    public static TheoryData<string?, string> Canonical => new()
    {
        { null, "" },
        { "", "" },
        { "metadata.name=web", "metadata.name=web" },
        { "metadata.name==web", "metadata.name=web" },
        { "status.phase!=Running,metadata.name=a", "metadata.name=a,status.phase!=Running" },
        { "spec.nodeName=", "spec.nodeName=" },
        { "a=b,,c=d,", "a=b,c=d" },
        { @"x=a\,b", @"x=a\,b" },
        { @"x=a\=b\\c", @"x=a\=b\\c" },
        { @"x!=\=y", @"x!=\=y" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Parses_to_canonical_text(string? text, string canonical) =>
        Assert.Equal(canonical, FieldSelector.Parse(text).ToString());

    public static TheoryData<string, string, SelectorOperator, string> Terms => new()
    {
        { @"metadata.name=a\,b", "metadata.name", SelectorOperator.Equals, "a,b" },
        { @"x=a\=b", "x", SelectorOperator.Equals, "a=b" },
        { @"x=a\\b", "x", SelectorOperator.Equals, @"a\b" },
        { "x==y", "x", SelectorOperator.Equals, "y" },
        { "x!=", "x", SelectorOperator.NotEquals, "" },
        { " x = y ", " x ", SelectorOperator.Equals, " y " },
    };

    [Theory]
    [MemberData(nameof(Terms))]
    public void Unescapes_values(string text, string field, SelectorOperator op, string value) =>
        Assert.Equal(new FieldRequirement(field, op, value), Assert.Single(FieldSelector.Parse(text).Requirements));

    [Theory]
    [InlineData("foo", "invalid selector: 'foo'; can't understand 'foo'")]
    [InlineData("a=b,foo", "invalid selector: 'a=b,foo'; can't understand 'foo'")]
    [InlineData(@"x=a\b", @"invalid field selector: invalid escape sequence: \b")]
    [InlineData(@"x=a\", @"invalid field selector: invalid escape sequence: \")]
    [InlineData("x=a=b", "invalid field selector: unescaped character in value: =")]
    [InlineData("x!==y", "invalid field selector: unescaped character in value: =")]
    [InlineData("metadata.name=a\0", @"invalid selector: 'metadata.name=a\0'; a field selector may not contain a NUL character")]
    public void Rejects_malformed_terms(string text, string message) =>
        Assert.Equal(message, Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text)).Message);

    [Theory]
    [InlineData("spec.nodeName=n1", true)]
    [InlineData("spec.nodeName=n2", false)]
    [InlineData("spec.nodeName!=n2", true)]
    [InlineData("status.podIP=", true)]
    [InlineData("status.podIP!=", false)]
    [InlineData("status.phase=", true)]
    [InlineData("metadata.name=web,spec.nodeName!=", true)]
    public void Missing_fields_count_as_empty(string text, bool expected)
    {
        var fields = new Dictionary<string, string> { ["metadata.name"] = "web", ["spec.nodeName"] = "n1", ["status.podIP"] = "" };

        Assert.Equal(expected, FieldSelector.Parse(text).Matches(fields));
    }

    [Fact]
    public void Exact_match_is_found_for_equality_only()
    {
        var selector = FieldSelector.Parse("metadata.namespace=team-a,metadata.name!=web");

        Assert.True(selector.TryGetExactMatch("metadata.namespace", out var ns));
        Assert.Equal("team-a", ns);
        Assert.False(selector.TryGetExactMatch("metadata.name", out _));
    }

    [Theory]
    [InlineData("pods", "spec.nodeName=n1,metadata.namespace=a,metadata.name=b", null)]
    [InlineData("pods", "spec.foo=x", "field label not supported: spec.foo")]
    [InlineData("nodes", "metadata.namespace=a", "field label not supported: metadata.namespace")]
    [InlineData("services", "metadata.name=a,spec.clusterIP=x", "field label not supported: spec.clusterIP")]
    public void Validates_field_names_against_the_kind(string plural, string text, string? error)
    {
        var selector = FieldSelector.Parse(text);
        var type = ResourceTypes.FindByPlural(plural)!;

        var thrown = Record.Exception(() => selector.Validate(type));

        Assert.Equal(error, (thrown as SelectorParseException)?.Message);
    }
}
