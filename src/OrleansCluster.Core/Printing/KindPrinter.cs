using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary>The columns of one kind and the function that fills a row of them for one object at a given time.</summary>
public sealed class KindPrinter
{
    private readonly Func<IKubernetesObject<V1ObjectMeta>, DateTime, PrintedRow> print;

    private KindPrinter(IReadOnlyList<TableColumn> columns, Func<IKubernetesObject<V1ObjectMeta>, DateTime, PrintedRow> print)
    {
        Columns = columns;
        this.print = print;
    }

    /// <summary>Every column, wide ones included, in the order kubectl shows them.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>A printer for objects of model type <typeparamref name="T"/>.</summary>
    public static KindPrinter For<T>(IReadOnlyList<TableColumn> columns, Func<T, DateTime, PrintedRow> print)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(columns, (obj, now) => print(
            obj as T ?? throw new ArgumentException($"expected a {typeof(T).Name}, got {obj.GetType().Name}", nameof(obj)),
            now));

    /// <summary>A printer that accepts any object.</summary>
    public static KindPrinter ForAny(IReadOnlyList<TableColumn> columns, Func<IKubernetesObject<V1ObjectMeta>, DateTime, PrintedRow> print) =>
        new(columns, print);

    /// <summary>The row for <paramref name="obj"/>, with ages measured from <paramref name="now"/>.</summary>
    public PrintedRow Print(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var row = print(obj, now);
        if (row.Cells.Count != Columns.Count)
        {
            throw new InvalidOperationException($"printer produced {row.Cells.Count} cells for {Columns.Count} columns");
        }

        return row;
    }
}
