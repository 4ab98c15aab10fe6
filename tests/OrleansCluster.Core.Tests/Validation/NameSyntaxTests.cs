using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class NameSyntaxTests
{
    private static readonly string Chars63 = new('a', 63);
    private static readonly string Chars64 = new('a', 64);

    [Theory]
    [InlineData("a", true)]
    [InlineData("my-name", true)]
    [InlineData("123-abc", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a.b", false)]
    [InlineData("a_b", false)]
    [InlineData("a\n", false)]
    public void Dns1123_label(string value, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsDns1123Label(value).Count == 0);

    [Fact]
    public void Dns1123_label_allows_63_characters_but_not_64()
    {
        Assert.Empty(NameSyntax.IsDns1123Label(Chars63));
        Assert.Equal(["must be no more than 63 characters"], NameSyntax.IsDns1123Label(Chars64));
    }

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a.b-c.d", true)]
    [InlineData("1.2.3.4", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a.-b", false)]
    [InlineData("Example.com", false)]
    [InlineData("a/b", false)]
    public void Dns1123_subdomain(string value, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsDns1123Subdomain(value).Count == 0);

    [Fact]
    public void Dns1123_subdomain_length_limit_is_253()
    {
        var ok = string.Join(".", Enumerable.Repeat(Chars63, 3)) + "." + new string('b', 61);
        Assert.Equal(253, ok.Length);
        Assert.Empty(NameSyntax.IsDns1123Subdomain(ok));
        Assert.Equal(["must be no more than 253 characters"], NameSyntax.IsDns1123Subdomain(ok + "b"));
    }

    [Fact]
    public void Dns1123_subdomain_message_matches_kubernetes()
    {
        var message = Assert.Single(NameSyntax.IsDns1123Subdomain("Bad_Name"));
        Assert.Equal(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
            "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            message);
    }

    [Fact]
    public void Label_message_lists_examples_like_kubernetes()
    {
        var message = Assert.Single(NameSyntax.IsDns1123Label("-x"));
        Assert.EndsWith(
            "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')", message);
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("a1-b2", true)]
    [InlineData("1abc", false)]
    [InlineData("-abc", false)]
    [InlineData("abc-", false)]
    [InlineData("a.b", false)]
    [InlineData("Web", false)]
    public void Dns1035_label_requires_a_leading_letter(string value, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsDns1035Label(value).Count == 0);

    [Fact]
    public void Dns1035_label_reports_length_and_pattern_separately()
    {
        var errors = NameSyntax.IsDns1035Label("1" + Chars63);
        Assert.Equal(2, errors.Count);
        Assert.Equal("must be no more than 63 characters", errors[0]);
        Assert.StartsWith("a DNS-1035 label must consist of", errors[1]);
    }
}
