namespace OrleansCluster.Core.Selectors;

/// <summary>
/// The operators of label and field selectors. <c>==</c> parses to <see cref="Equals"/>;
/// field selectors use only <see cref="Equals"/> and <see cref="NotEquals"/>.
/// </summary>
public enum SelectorOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
