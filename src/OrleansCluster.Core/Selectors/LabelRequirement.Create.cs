using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Selectors;

public sealed partial record LabelRequirement
{
    /// <summary>
    /// A validated requirement, as Kubernetes builds one: the key must be a qualified name, every value a
    /// label value, and the number of values must fit the operator. Values are sorted and de-duplicated.
    /// </summary>
    /// <exception cref="SelectorParseException">with Kubernetes' field-path style reason.</exception>
    public static LabelRequirement Create(string key, SelectorOperator op, IEnumerable<string>? values = null)
    {
        ValidateKey(key);
        var given = values?.ToList() ?? [];
        var errors = new List<string>();
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when given.Count == 0:
                errors.Add($"values: Invalid value: {GoList(given)}: for 'in', 'notin' operators, values set can't be empty");
                break;
            case SelectorOperator.Equals or SelectorOperator.NotEquals when given.Count != 1:
                errors.Add($"values: Invalid value: {GoList(given)}: exact-match compatibility requires one single value");
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when given.Count != 0:
                errors.Add($"values: Invalid value: {GoList(given)}: values set must be empty for exists and does not exist");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when given.Count != 1:
                errors.Add($"values: Invalid value: {GoList(given)}: for 'Gt', 'Lt' operators, exactly one value is required");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when !TryInteger(given[0], out _):
                errors.Add(FieldError.Invalid("values[0]", given[0], "for 'Gt', 'Lt' operators, the value must be an integer").ToString());
                break;
            case < SelectorOperator.Equals or > SelectorOperator.LessThan:
                throw new ArgumentOutOfRangeException(nameof(op), op, "unknown selector operator");
        }

        for (var i = 0; i < given.Count; i++)
        {
            var valueErrors = LabelSyntax.IsLabelValue(given[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add(FieldError.Invalid($"values[{i}][{key}]", given[i], string.Join("; ", valueErrors)).ToString());
            }
        }

        if (errors.Count > 0)
        {
            // The shape of Kubernetes' aggregate error: one message bare, several bracketed.
            throw new SelectorParseException(errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]");
        }

        return new LabelRequirement(key, op, given.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The parser checks a key before it reads the operator, so a bad key is the first error reported.</summary>
    internal static void ValidateKey(string key)
    {
        // Kubernetes reports the key with a nil field path, which prints as "<nil>".
        var errors = LabelSyntax.IsQualifiedName(key);
        if (errors.Count > 0)
        {
            throw new SelectorParseException(FieldError.Invalid("<nil>", key, string.Join("; ", errors)).ToString());
        }
    }

    private static string GoList(IReadOnlyList<string> values) =>
        values.Count == 0 ? "[]string(nil)" : $"[]string{{{string.Join(", ", values.Select(v => $"\"{v}\""))}}}";
}
