using System.Globalization;

namespace OrleansCluster.Core.Selectors;

/// <summary>
/// One term of a label selector. <see cref="Values"/> is sorted and free of duplicates (a set, as in
/// Kubernetes); it holds one value for =, !=, gt, lt and none for exists and does-not-exist.
/// Build one through <see cref="LabelSelector"/>, which validates it.
/// </summary>
public sealed partial record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>The single value of an =, !=, gt or lt requirement.</summary>
    public string Value => Values.Count == 1 ? Values[0] : throw new InvalidOperationException($"{Operator} has {Values.Count} values");

    /// <summary>
    /// Kubernetes semantics: != and notin match objects without the key; gt and lt need the key
    /// and an integer value.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var actual);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => has && Contains(actual!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Contains(actual!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && TryInteger(actual!, out var g) && g > long.Parse(Value, CultureInfo.InvariantCulture),
            SelectorOperator.LessThan => has && TryInteger(actual!, out var l) && l < long.Parse(Value, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }

    /// <summary>The canonical text: <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>, <c>k&gt;1</c>, <c>k&lt;1</c>.</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Value}",
        SelectorOperator.NotEquals => $"{Key}!={Value}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{Value}",
        SelectorOperator.LessThan => $"{Key}<{Value}",
        _ => throw new InvalidOperationException($"unknown operator {Operator}"),
    };

    public bool Equals(LabelRequirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Key, Operator, Values.Count);

    /// <summary>Go's ParseInt rules as far as a valid label value allows them: decimal digits that fit in 64 bits.</summary>
    internal static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private bool Contains(string actual) => Values.Contains(actual, StringComparer.Ordinal);
}
