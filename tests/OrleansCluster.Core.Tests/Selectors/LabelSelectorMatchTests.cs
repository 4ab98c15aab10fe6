using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Tests.Selectors;

public sealed class LabelSelectorMatchTests
{
    // Labels are written "k=v;k2=v2" so a row reads like a kubectl command line.
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "", "", true },
        { "", "a=1", true },
        { "a=1", "a=1", true },
        { "a==1", "a=1;b=2", true },
        { "a=1", "a=2", false },
        { "a=1", "", false },
        { "a=", "a=", true },
        { "a=", "", false },
        { "a!=1", "", true },
        { "a!=1", "b=1", true },
        { "a!=1", "a=1", false },
        { "a!=1", "a=2", true },
        { "a in (1,2)", "a=2", true },
        { "a in (1,2)", "a=3", false },
        { "a in (1,2)", "", false },
        { "a in ()", "a=", true },
        { "a in ()", "a=1", false },
        { "a notin (1,2)", "", true },
        { "a notin (1,2)", "a=1", false },
        { "a notin (1,2)", "a=3", true },
        { "a", "a=", true },
        { "a", "b=1", false },
        { "!a", "b=1", true },
        { "!a", "a=", false },
        { "a>5", "a=6", true },
        { "a>5", "a=5", false },
        { "a>5", "a=x", false },
        { "a>5", "", false },
        { "a<5", "a=04", true },
        { "a<5", "a=99999999999999999999", false },
        { "a=1,b!=2", "a=1;b=2", false },
        { "a=1,b!=2", "a=1", true },
        { "a=1,a=2", "a=1", false },
        { "A=1", "a=1", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_like_Kubernetes(string selector, string labels, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("", true)]
    [InlineData("!a", true)]
    [InlineData("a notin (x)", true)]
    [InlineData("a", false)]
    public void Null_labels_are_no_labels(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(null));

    internal static Dictionary<string, string> Labels(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}
