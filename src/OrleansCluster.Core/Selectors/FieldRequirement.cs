namespace OrleansCluster.Core.Selectors;

/// <summary>One term of a field selector: <see cref="SelectorOperator.Equals"/> or <see cref="SelectorOperator.NotEquals"/>.</summary>
public sealed record FieldRequirement(string Field, SelectorOperator Operator, string Value)
{
    /// <summary>A field the object does not have counts as the empty string, as in Kubernetes.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        var actual = fields.GetValueOrDefault(Field) ?? "";
        return Operator switch
        {
            SelectorOperator.Equals => actual == Value,
            SelectorOperator.NotEquals => actual != Value,
            _ => throw new InvalidOperationException($"{Operator} is not a field selector operator"),
        };
    }

    /// <summary><c>field=value</c> or <c>field!=value</c>, the value escaped so the text parses back.</summary>
    public override string ToString() =>
        $"{Field}{(Operator == SelectorOperator.NotEquals ? "!=" : "=")}{FieldSelector.Escape(Value)}";
}
