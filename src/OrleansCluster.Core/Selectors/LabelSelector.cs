using k8s.Models;

namespace OrleansCluster.Core.Selectors;

/// <summary>
/// A conjunction of <see cref="LabelRequirement"/>s, kept sorted by key as Kubernetes does.
/// The empty selector matches everything; <see cref="Nothing"/> (what a null metav1 selector means) matches nothing.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelSelector Everything { get; } = new([], matchesNothing: false);

    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True only for <see cref="Nothing"/>.</summary>
    public bool MatchesNothing { get; }

    /// <summary>True when the selector places no constraint, so it matches everything.</summary>
    public bool IsEmpty => !MatchesNothing && Requirements.Count == 0;

    /// <summary>Parses the string syntax of <c>?labelSelector=</c> and <c>kubectl -l</c>; null or blank is <see cref="Everything"/>.</summary>
    /// <exception cref="SelectorParseException">when Kubernetes would reject the text.</exception>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrEmpty(text) ? Everything : Of(new LabelSelectorParser(text).Parse());

    /// <summary>A selector of already validated requirements (see <see cref="LabelRequirement.Create"/>).</summary>
    public static LabelSelector Of(IEnumerable<LabelRequirement> requirements)
    {
        // A stable sort keeps "a=1,a!=2" in the order it was written while grouping by key.
        var sorted = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? Everything : new LabelSelector(sorted, matchesNothing: false);
    }

    /// <summary>
    /// The selector a workload spec holds (<c>matchLabels</c> and <c>matchExpressions</c>).
    /// As in Kubernetes, null selects nothing and an empty selector selects everything.
    /// </summary>
    /// <exception cref="SelectorParseException">for an unknown operator, a bad key or value, or a wrong number of values.</exception>
    public static LabelSelector FromMetav1(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelRequirement.Create(key, SelectorOperator.Equals, [value]));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.OperatorProperty switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                var other => throw new SelectorParseException($"\"{other}\" is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expression.Key ?? "", op, expression.Values));
        }

        return Of(requirements);
    }

    /// <summary>Whether an object with <paramref name="labels"/> (null meaning none) is selected.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (MatchesNothing)
        {
            return false;
        }

        labels ??= EmptyLabels;
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an object with this metadata is selected by its labels.</summary>
    public bool Selects(V1ObjectMeta? metadata) =>
        Matches(metadata?.Labels as IReadOnlyDictionary<string, string>
                ?? (metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null));

    /// <summary>The canonical text, which <see cref="Parse"/> reads back to an equal selector; empty for both
    /// <see cref="Everything"/> and <see cref="Nothing"/>, as in Kubernetes.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();
}
