using System.Globalization;
using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// Node selector terms against a node, as the NodeAffinity plugin reads them: requirements of one term are ANDed,
/// terms are ORed, a term with no requirement matches nothing, and a malformed requirement (an unknown operator,
/// a non-integer for Gt/Lt, a field other than metadata.name) makes its term match nothing.
/// </summary>
public static class NodeSelectorMatcher
{
    public const string NodeNameField = "metadata.name";

    /// <summary>The pod's <c>spec.nodeSelector</c>: every pair must be a label of the node.</summary>
    public static bool MatchesNodeSelector(IDictionary<string, string>? selector, NodeInfo node)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector)
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether any term of <paramref name="selector"/> matches.</summary>
    public static bool MatchesAny(V1NodeSelector selector, NodeInfo node)
    {
        foreach (var term in selector.NodeSelectorTerms ?? [])
        {
            if (Matches(term, node))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(V1NodeSelectorTerm? term, NodeInfo node)
    {
        var expressions = term?.MatchExpressions;
        var fields = term?.MatchFields;
        if ((expressions is null || expressions.Count == 0) && (fields is null || fields.Count == 0))
        {
            return false;
        }

        foreach (var requirement in expressions ?? [])
        {
            node.Labels.TryGetValue(requirement.Key ?? "", out var label);
            if (!Matches(requirement, label))
            {
                return false;
            }
        }

        foreach (var requirement in fields ?? [])
        {
            if (requirement.Key != NodeNameField || requirement.OperatorProperty is not ("In" or "NotIn")
                || !Matches(requirement, node.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One requirement against the node's value for its key (null when the node lacks the key).</summary>
    public static bool Matches(V1NodeSelectorRequirement requirement, string? actual)
    {
        var values = requirement.Values;
        return requirement.OperatorProperty switch
        {
            "In" => actual is not null && values is not null && values.Contains(actual),
            "NotIn" => actual is null || values is null || !values.Contains(actual),
            "Exists" => actual is not null,
            "DoesNotExist" => actual is null,
            "Gt" => Compare(actual, values) is > 0,
            "Lt" => Compare(actual, values) is < 0,
            _ => false,
        };
    }

    // The sign of (label - value) when both are integers; null otherwise, which matches neither Gt nor Lt.
    private static int? Compare(string? actual, IList<string>? values)
    {
        if (actual is null || values is not { Count: 1 }
            || !long.TryParse(actual, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var have)
            || !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var want))
        {
            return null;
        }

        return have.CompareTo(want);
    }
}
