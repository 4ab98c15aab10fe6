using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Store.Queries;

/// <summary>
/// Translates label and field selectors into a boolean SQL fragment over two jsonb columns: labels
/// (label key → value) and fields (selectable field path → value). The fragment selects exactly the rows whose
/// columns <see cref="LabelSelector.Matches"/> and <see cref="FieldSelector.Matches"/> accept, is never NULL,
/// and carries all selector text in parameters.
/// </summary>
/// <remarks>
/// Equalities become containment (<c>@&gt;</c>) and <c>in</c> an OR of containments, the operators a
/// <c>jsonb_path_ops</c> GIN index serves; the other operators filter the rows those leave.
/// </remarks>
public static partial class SelectorSql
{
    /// <summary>A fragment to AND into a WHERE clause; <c>TRUE</c> when neither selector constrains anything.</summary>
    /// <exception cref="ArgumentException">when a column or the prefix is not a plain SQL identifier.</exception>
    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) Where(
        LabelSelector labels,
        FieldSelector fields,
        string labelsColumn = "labels",
        string fieldsColumn = "fields",
        string parameterPrefix = "sel")
    {
        RequireIdentifier(labelsColumn, nameof(labelsColumn));
        RequireIdentifier(fieldsColumn, nameof(fieldsColumn));
        RequireIdentifier(parameterPrefix, nameof(parameterPrefix));
        if (labels.MatchesNothing)
        {
            return ("FALSE", []);
        }

        var builder = new Builder(parameterPrefix);
        var terms = new List<string>();
        terms.AddRange(LabelTerms(builder, labels, labelsColumn));
        terms.AddRange(FieldTerms(builder, fields, fieldsColumn));
        return terms.Count == 0 ? ("TRUE", []) : (string.Join(" AND ", terms), builder.Parameters);
    }

    private static IEnumerable<string> LabelTerms(Builder b, LabelSelector selector, string col)
    {
        var equal = selector.Requirements.Where(r => r.Operator == SelectorOperator.Equals).Select(r => (r.Key, r.Value));
        foreach (var document in Containments(equal))
        {
            yield return $"{col} @> {b.Json(document)}";
        }

        foreach (var r in selector.Requirements)
        {
            var term = r.Operator switch
            {
                SelectorOperator.Equals => null,
                SelectorOperator.NotEquals => $"({col}->>{b.Text(r.Key)} IS DISTINCT FROM {b.Text(r.Value)})",
                SelectorOperator.In => "(" + string.Join(" OR ", r.Values.Select(v => $"{col} @> {b.Json(Pair(r.Key, v))}")) + ")",
                SelectorOperator.NotIn => $"NOT COALESCE({col}->>{b.Text(r.Key)} = ANY({b.TextArray(r.Values)}), false)",
                SelectorOperator.Exists => $"({col} ? {b.Text(r.Key)})",
                SelectorOperator.DoesNotExist => $"NOT ({col} ? {b.Text(r.Key)})",
                SelectorOperator.GreaterThan => IntegerComparison(b, col, r, ">"),
                SelectorOperator.LessThan => IntegerComparison(b, col, r, "<"),
                _ => throw new ArgumentOutOfRangeException(nameof(selector), r.Operator, "unknown label selector operator"),
            };
            if (term is not null)
            {
                yield return term;
            }
        }
    }

    // A missing field reads as "", so only a non-empty equality can use containment.
    private static IEnumerable<string> FieldTerms(Builder b, FieldSelector selector, string col)
    {
        var equal = selector.Requirements.Where(r => r.Operator == SelectorOperator.Equals && r.Value.Length > 0);
        foreach (var document in Containments(equal.Select(r => (r.Field, r.Value))))
        {
            yield return $"{col} @> {b.Json(document)}";
        }

        foreach (var r in selector.Requirements.Where(r => r.Operator != SelectorOperator.Equals || r.Value.Length == 0))
        {
            var op = r.Operator == SelectorOperator.Equals ? "=" : "<>";
            yield return $"(COALESCE({col}->>{b.Text(r.Field)}, '') {op} {b.Text(r.Value)})";
        }
    }

    // Go's ParseInt semantics: the label must be present and an integer that fits in 64 bits; CASE keeps the
    // casts from ever seeing text that is not a number.
    private static string IntegerComparison(Builder b, string col, LabelRequirement r, string op)
    {
        var value = $"({col}->>{b.Text(r.Key)})";
        return $"(CASE WHEN {value} IS NULL OR {value} !~ '^[+-]?[0-9]+$' THEN false " +
            $"WHEN {value}::numeric NOT BETWEEN {long.MinValue} AND {long.MaxValue} THEN false " +
            $"ELSE {value}::numeric {op} {b.Bigint(long.Parse(r.Value, CultureInfo.InvariantCulture))} END)";
    }

    /// <summary>As few JSON objects as hold all the pairs; a key asked for twice (a=1,a=2) needs a second object.</summary>
    private static List<Dictionary<string, string>> Containments(IEnumerable<(string Key, string Value)> pairs)
    {
        var documents = new List<Dictionary<string, string>>();
        foreach (var (key, value) in pairs)
        {
            var target = documents.FirstOrDefault(d => !d.ContainsKey(key) || d[key] == value);
            if (target is null)
            {
                target = new Dictionary<string, string>(StringComparer.Ordinal);
                documents.Add(target);
            }

            target[key] = value;
        }

        return documents;
    }

    private static Dictionary<string, string> Pair(string key, string value) => new(StringComparer.Ordinal) { [key] = value };

    private static void RequireIdentifier(string value, string name)
    {
        if (!Identifier().IsMatch(value))
        {
            throw new ArgumentException($"'{value}' is not a plain SQL identifier", name);
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\z")]
    private static partial Regex Identifier();

    private sealed class Builder(string prefix)
    {
        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Text(string value) => Add(NpgsqlDbType.Text, value);

        public string TextArray(IReadOnlyList<string> values) => Add(NpgsqlDbType.Array | NpgsqlDbType.Text, values.ToArray());

        public string Json(Dictionary<string, string> document) => Add(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(document));

        public string Bigint(long value) => Add(NpgsqlDbType.Bigint, value);

        private string Add(NpgsqlDbType type, object value)
        {
            var name = $"{prefix}_{Parameters.Count}";
            Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }
    }
}
