using OrleansCluster.Core.FieldValidation;

namespace OrleansCluster.Core.Tests.FieldValidation;

public sealed class FieldValidationTextTests
{
    private static readonly FieldIssue[] Issues =
        [new(FieldIssueKind.Unknown, "spec.foo"), new(FieldIssueKind.Duplicate, "metadata.name")];

    [Theory]
    [InlineData(null, FieldValidationMode.Warn)]
    [InlineData("", FieldValidationMode.Warn)]
    [InlineData("Warn", FieldValidationMode.Warn)]
    [InlineData("Strict", FieldValidationMode.Strict)]
    [InlineData("Ignore", FieldValidationMode.Ignore)]
    public void Supported_values_parse(string? value, FieldValidationMode expected)
    {
        Assert.True(FieldValidationText.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("strict")]
    [InlineData("Loose")]
    public void Other_values_are_unsupported(string value)
    {
        Assert.False(FieldValidationText.TryParse(value, out _));
        Assert.Equal(
            $"fieldValidation: Unsupported value: \"{value}\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            FieldValidationText.UnsupportedMessage(value));
    }

    [Fact]
    public void Strict_message_lists_every_finding()
    {
        Assert.Equal("strict decoding error: unknown field \"spec.foo\", duplicate field \"metadata.name\"",
            FieldValidationText.StrictMessage(Issues));
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.foo\", duplicate field \"metadata.name\"",
            FieldValidationText.StrictMessage(Issues, "Pod", "v1"));
    }

    [Fact]
    public void Warning_headers_quote_each_finding()
    {
        Assert.Equal(
            ["299 - \"unknown field \\\"spec.foo\\\"\"", "299 - \"duplicate field \\\"metadata.name\\\"\""],
            FieldValidationText.WarningHeaders(Issues));
    }

    [Fact]
    public void Warning_headers_stay_ascii()
    {
        Assert.Equal("299 - \"unknown field \\\"sp\\u00e9c\\\\x\\u000a\\\"\"", FieldValidationText.WarningHeader("unknown field \"spéc\\x\n\""));
    }
}
