using System.Text;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Selectors;

/// <summary>
/// The <c>?fieldSelector=</c> syntax: comma-separated <c>f=v</c>, <c>f==v</c>, <c>f!=v</c>, where a value
/// escapes <c>\</c>, <c>,</c> and <c>=</c> with a backslash. Unlike label selectors, whitespace is part of the text.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <exception cref="SelectorParseException">with Kubernetes' message for the first term it cannot read.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new SelectorParseException($"invalid selector: '{text.Replace("\0", "\\0", StringComparison.Ordinal)}'; a field selector may not contain a NUL character");
        }

        var requirements = new List<FieldRequirement>();
        // Kubernetes orders the terms by their text, which makes ToString canonical.
        foreach (var term in SplitTerms(text).Where(t => t.Length > 0).Order(StringComparer.Ordinal))
        {
            var (field, op, rawValue) = SplitTerm(term)
                ?? throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(field, op, Unescape(rawValue)));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> fields) => Requirements.All(r => r.Matches(fields));

    /// <summary>The value an <c>f=v</c> term pins <paramref name="field"/> to, so a store can look it up directly.</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        var match = Requirements.FirstOrDefault(r => r.Field == field && r.Operator == SelectorOperator.Equals);
        value = match?.Value ?? "";
        return match is not null;
    }

    /// <summary>Rejects a field the resource does not index, with the message the API server gives.</summary>
    /// <exception cref="SelectorParseException"><c>field label not supported: spec.foo</c>.</exception>
    public void Validate(IReadOnlySet<string> allowed)
    {
        foreach (var requirement in Requirements)
        {
            if (!allowed.Contains(requirement.Field))
            {
                throw new SelectorParseException($"field label not supported: {requirement.Field}");
            }
        }
    }

    /// <summary>Validates against the selectable fields of <paramref name="type"/>, metadata.name and metadata.namespace included.</summary>
    public void Validate(ResourceType type)
    {
        var allowed = new HashSet<string>(type.SelectableFields.Keys, StringComparer.Ordinal) { "metadata.name" };
        if (type.Namespaced)
        {
            allowed.Add("metadata.namespace");
        }

        Validate(allowed);
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Escapes a value so it can stand in a field selector.</summary>
    public static string Escape(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(",", @"\,", StringComparison.Ordinal).Replace("=", @"\=", StringComparison.Ordinal);

    // A backslash protects the next character from being read as a separator.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The first operator from the left wins, "!=" and "==" before "=" at the same place.
    private static (string Field, SelectorOperator Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var (symbol, op) in TermOperators)
            {
                if (string.CompareOrdinal(term, i, symbol, 0, symbol.Length) == 0)
                {
                    return (term[..i], op, term[(i + symbol.Length)..]);
                }
            }
        }

        return null;
    }

    private static readonly (string Symbol, SelectorOperator Op)[] TermOperators =
        [("!=", SelectorOperator.NotEquals), ("==", SelectorOperator.Equals), ("=", SelectorOperator.Equals)];

    private static string Unescape(string raw)
    {
        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is ',' or '=')
            {
                throw new SelectorParseException($"invalid field selector: unescaped character in value: {c}");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i + 1 == raw.Length || raw[i + 1] is not ('\\' or ',' or '='))
            {
                throw new SelectorParseException($"invalid field selector: invalid escape sequence: {raw[i..Math.Min(i + 2, raw.Length)]}");
            }

            value.Append(raw[++i]);
        }

        return value.ToString();
    }
}
