using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class LabelSyntaxTests
{
    [Theory]
    [InlineData("app", null)]
    [InlineData("App.Name_1-x", null)]
    [InlineData("example.com/app", null)]
    [InlineData("kubernetes.io/metadata.name", null)]
    [InlineData("", "name part must be non-empty")]
    [InlineData("example.com/", "name part must be non-empty")]
    [InlineData("/app", "prefix part must be non-empty")]
    [InlineData("Example.com/app", "prefix part a lowercase RFC 1123 subdomain")]
    [InlineData("-app", "name part must consist of alphanumeric characters")]
    [InlineData("app_", "name part must consist of alphanumeric characters")]
    [InlineData("a/b/c", "a qualified name must consist of")]
    [InlineData("a b", "name part must consist of alphanumeric characters")]
    public void Qualified_names(string value, string? firstMessageStart)
    {
        var errors = LabelSyntax.IsQualifiedName(value);
        if (firstMessageStart is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.StartsWith(firstMessageStart, errors[0]);
        }
    }

    [Fact]
    public void Qualified_name_part_is_limited_to_63_characters_but_prefix_is_not()
    {
        var prefix = string.Join(".", Enumerable.Repeat(new string('p', 63), 3));
        Assert.Empty(LabelSyntax.IsQualifiedName(prefix + "/" + new string('n', 63)));
        Assert.Equal(
            ["name part must be no more than 63 characters"],
            LabelSyntax.IsQualifiedName("x/" + new string('n', 64)));
    }

    [Fact]
    public void Multiple_slashes_say_the_prefix_is_optional()
    {
        var message = Assert.Single(LabelSyntax.IsQualifiedName("a/b/c"));
        Assert.EndsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", message);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1", true)]
    [InlineData("My_Value.2", true)]
    [InlineData("-v", false)]
    [InlineData("v.", false)]
    [InlineData("a/b", false)]
    [InlineData("with space", false)]
    public void Label_values(string value, bool valid) =>
        Assert.Equal(valid, LabelSyntax.IsLabelValue(value).Count == 0);

    [Fact]
    public void Label_value_is_limited_to_63_characters()
    {
        Assert.Empty(LabelSyntax.IsLabelValue(new string('v', 63)));
        Assert.Equal(["must be no more than 63 characters"], LabelSyntax.IsLabelValue(new string('v', 64)));
    }

    [Fact]
    public void Label_errors_name_the_map_and_the_offending_key_or_value()
    {
        var errors = LabelSyntax.ValidateLabels(
            new Dictionary<string, string> { ["good"] = "ok", ["-bad"] = "ok", ["k"] = "bad value" }, "metadata.labels").ToList();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(("FieldValueInvalid", "metadata.labels"), (e.Reason, e.Field)));
        Assert.StartsWith("Invalid value: \"-bad\": name part", errors[0].Message);
        Assert.StartsWith("Invalid value: \"bad value\": a valid label must be", errors[1].Message);
    }

    [Theory]
    [InlineData(LabelSyntax.TotalAnnotationSizeLimit - 1, false)]
    [InlineData(LabelSyntax.TotalAnnotationSizeLimit, false)]
    [InlineData(LabelSyntax.TotalAnnotationSizeLimit + 1, true)]
    public void Annotations_together_may_hold_256_KiB(int totalBytes, bool tooLong)
    {
        var annotations = new Dictionary<string, string> { ["note"] = new string('x', totalBytes - "note".Length) };

        var errors = LabelSyntax.ValidateAnnotations(annotations, "metadata.annotations").ToList();

        Assert.Equal(tooLong, errors.Any(e => e.Reason == "FieldValueTooLong" && e.Field == "metadata.annotations"));
    }

    [Fact]
    public void Annotation_keys_are_checked_case_insensitively_but_must_still_be_qualified()
    {
        var errors = LabelSyntax.ValidateAnnotations(
            new Dictionary<string, string> { ["Example.COM/Key"] = "", ["bad key"] = "" }, "metadata.annotations").ToList();

        var error = Assert.Single(errors);
        Assert.Equal("FieldValueInvalid", error.Reason);
        Assert.Contains("\"bad key\"", error.Message);
    }
}
