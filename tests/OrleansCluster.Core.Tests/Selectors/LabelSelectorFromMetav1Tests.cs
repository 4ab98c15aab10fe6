using k8s.Models;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Tests.Selectors;

public sealed class LabelSelectorFromMetav1Tests
{
    [Fact]
    public void Null_selects_nothing_and_empty_selects_everything()
    {
        var nothing = LabelSelector.FromMetav1(null);
        var everything = LabelSelector.FromMetav1(new V1LabelSelector());

        Assert.True(nothing.MatchesNothing);
        Assert.False(nothing.Matches(new Dictionary<string, string>()));
        Assert.True(everything.IsEmpty);
        Assert.True(everything.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Combines_match_labels_and_expressions()
    {
        var selector = LabelSelector.FromMetav1(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions =
            [
                Expression("tier", "In", ["fe", "be"]),
                Expression("env", "NotIn", ["prod"]),
                Expression("gpu", "Exists", []),
                Expression("legacy", "DoesNotExist", []),
            ],
        });

        Assert.Equal("app=web,env notin (prod),gpu,!legacy,tier in (be,fe)", selector.ToString());
        Assert.True(selector.Matches(LabelSelectorMatchTests.Labels("app=web;tier=fe;gpu=")));
        Assert.False(selector.Matches(LabelSelectorMatchTests.Labels("app=web;tier=fe;gpu=;env=prod")));
    }

    public static TheoryData<V1LabelSelectorRequirement, string> Invalid => new()
    {
        { Expression("a", "Gt", ["1"]), "\"Gt\" is not a valid label selector operator" },
        { Expression("a", "In", null), "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" },
        { Expression("a", "NotIn", []), "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" },
        { Expression("a", "Exists", ["x", "y"]), "values: Invalid value: []string{\"x\", \"y\"}: values set must be empty for exists and does not exist" },
        { Expression("a b", "Exists", []), "<nil>: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', " +
            "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
            "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_expressions(V1LabelSelectorRequirement expression, string reason)
    {
        var error = Assert.Throws<SelectorParseException>(
            () => LabelSelector.FromMetav1(new V1LabelSelector { MatchExpressions = [expression] }));

        Assert.Equal(reason, error.Message);
        Assert.Null(error.Selector);
    }

    private static V1LabelSelectorRequirement Expression(string key, string op, List<string>? values) =>
        new() { Key = key, OperatorProperty = op, Values = values };
}
