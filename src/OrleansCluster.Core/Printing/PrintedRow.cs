namespace OrleansCluster.Core.Printing;

/// <summary>
/// The cells of one Table row, in column order (each a <see cref="string"/> or a <see cref="long"/>),
/// plus the row conditions Kubernetes attaches (only finished pods carry one today).
/// </summary>
public sealed record PrintedRow(IReadOnlyList<object> Cells, IReadOnlyList<RowCondition> Conditions)
{
    public PrintedRow(params object[] cells)
        : this(cells, [])
    {
    }
}

/// <summary>A <c>TableRowCondition</c>, e.g. <c>Completed=True</c> with reason <c>Succeeded</c>.</summary>
public sealed record RowCondition(string Type, string Status, string Reason, string Message);
