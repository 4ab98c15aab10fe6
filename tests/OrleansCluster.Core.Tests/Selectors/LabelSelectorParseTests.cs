using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    private const string NameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end " +
        "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
        @"with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static TheoryData<string?, string> Canonical => new()
    {
        { null, "" },
        { "", "" },
        { "   ", "" },
        { "a=b", "a=b" },
        { "a==b", "a=b" },
        { "a!=b", "a!=b" },
        { " a = b ,\tc != d ", "a=b,c!=d" },
        { "b=1,a", "a,b=1" },
        { "a=1,a!=2", "a=1,a!=2" },
        { "k", "k" },
        { "!k", "!k" },
        { " ! k ", "!k" },
        { "k=", "k=" },
        { "k!=,j", "j,k!=" },
        { "x in (b,a)", "x in (a,b)" },
        { "x notin ( a , b ,a )", "x notin (a,b)" },
        { "x in ()", "x in ()" },
        { "x in (a,)", "x in (,a)" },
        { "x in (,a,,b)", "x in (,a,b)" },
        { "x in(a)", "x in (a)" },
        { "k=in", "k=in" },
        { "in=notin", "in=notin" },
        { "in", "in" },
        { "k>5,k<10", "k>5,k<10" },
        { "example.com/app=web", "example.com/app=web" },
        { "app.kubernetes.io/name=web-1.x_y", "app.kubernetes.io/name=web-1.x_y" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Parses_to_canonical_text(string? text, string canonical)
    {
        var selector = LabelSelector.Parse(text);

        Assert.Equal(canonical, selector.ToString());
        Assert.Equal(canonical, LabelSelector.Parse(canonical).ToString());
    }

    [Fact]
    public void Exposes_requirements_as_data()
    {
        var selector = LabelSelector.Parse("tier notin (b, a), app=web, !legacy");

        Assert.Equal(
            [
                new LabelRequirement("app", SelectorOperator.Equals, ["web"]),
                new LabelRequirement("legacy", SelectorOperator.DoesNotExist, []),
                new LabelRequirement("tier", SelectorOperator.NotIn, ["a", "b"]),
            ],
            selector.Requirements);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
        { "a=b c", "found 'c', expected: ',' or 'end of string'" },
        { "a=b=c", "found '=', expected: ',' or 'end of string'" },
        { "a=b,", "found '', expected: identifier after ','" },
        { "a=b,,c", "found ',', expected: identifier after ','" },
        { ",a", "found ',', expected: !, identifier, or 'end of string'" },
        { "=a", "found '=', expected: !, identifier, or 'end of string'" },
        { "!", "unable to parse requirement: found '', expected: identifier" },
        { "!!a", "unable to parse requirement: found '!', expected: identifier" },
        { "!a=b", "found '=', expected: ',' or 'end of string'" },
        { "a=(b)", "unable to parse requirement: found '(', expected: identifier" },
        { "a in b", "unable to parse requirement: found 'b' expected: '('" },
        { "a in", "unable to parse requirement: found '' expected: '('" },
        { "a in (b", "unable to parse requirement: found '', expected: ',' or ')'" },
        { "a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'" },
        { "a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier" },
        { "a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier" },
        { "e!!!ss", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt" },
        { "a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer" },
        { "a/b/c=d", $"unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name {NameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" },
        { "-a=b", $"unable to parse requirement: <nil>: Invalid value: \"-a\": name part {NameRule}" },
        { "app:web", $"unable to parse requirement: <nil>: Invalid value: \"app:web\": name part {NameRule}" },
        { "a/", $"unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part {NameRule}" },
        { "/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty" },
        { "Example.com/a", $"unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part {SubdomainRule}" },
        { new string('k', 64), $"unable to parse requirement: <nil>: Invalid value: \"{new string('k', 64)}\": name part must be no more than 63 characters" },
        { "a=-b", $"unable to parse requirement: values[0][a]: Invalid value: \"-b\": {ValueRule}" },
        { "a=" + new string('v', 64), $"unable to parse requirement: values[0][a]: Invalid value: \"{new string('v', 64)}\": must be no more than 63 characters" },
        { "a in (ok,-y,-x)", $"unable to parse requirement: [values[0][a]: Invalid value: \"-x\": {ValueRule}, values[1][a]: Invalid value: \"-y\": {ValueRule}]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_what_Kubernetes_rejects_with_its_words(string text, string reason)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(text, error.Selector);
        Assert.Equal($"couldn't parse the selector string \"{text}\": {reason}", error.Message);
    }
}
