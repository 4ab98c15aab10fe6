using System.Globalization;
using System.Text;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// The gateway's overhead: each figure measured through the client library next to the same through HTTP
/// (<c>http.</c> + its name), with the ratio HTTP / library. Goal (issue 3): p99 through HTTP ≤ 1.5× the library's.
/// </summary>
public static class Comparison
{
    public const double GoalP99Ratio = 1.5;

    private static readonly (string Name, string Label)[] Figures =
    [
        ("create.p50", "create p50 at 200/s"),
        ("create.p99", "create p99 at 200/s"),
        ("update.p50", "update (label merge patch) p50 at 200/s"),
        ("update.p99", "update (label merge patch) p99 at 200/s"),
        ("update.max.rate", "max writes (64 concurrent patches)"),
        ("update.max.p50", "max writes: p50"),
        ("update.max.p99", "max writes: p99"),
        ("list.all.p50", "list, all pods selected, p50"),
        ("list.all.p99", "list, all pods selected, p99"),
        ("list.1pct.p50", "list, 1% selected, p50"),
        ("list.1pct.p99", "list, 1% selected, p99"),
        ("watch.lag.p50", "watch lag p50"),
        ("watch.lag.p99", "watch lag p99"),
    ];

    /// <summary><c>ratio.http/library.&lt;figure&gt;</c> for every figure both APIs measured; p99 ratios carry the goal.</summary>
    public static IEnumerable<Metric> Ratios(IReadOnlyList<Metric> metrics)
    {
        foreach (var (name, _) in Figures)
        {
            if (Value(metrics, name) is { } library && Value(metrics, $"http.{name}") is { } http)
            {
                // Latency ratios (p50, p99) are the overhead; the watch lag is excluded from the goal (it can be ~0 or negative).
                double? goal = name.EndsWith(".p99", StringComparison.Ordinal) && !name.StartsWith("watch", StringComparison.Ordinal)
                    ? GoalP99Ratio
                    : null;
                yield return new Metric($"ratio.http/library.{name}", http / library, "×", goal);
            }
        }
    }

    /// <summary>A markdown table: figure, client library, HTTP, HTTP / library.</summary>
    public static string Table(IReadOnlyList<Metric> metrics)
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | client library | HTTP (gateway) | HTTP / library | goal |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var (name, label) in Figures)
        {
            var library = Value(metrics, name);
            var http = Value(metrics, $"http.{name}");
            if (library is null && http is null)
            {
                continue;
            }

            var unit = metrics.First(m => m.Name == name || m.Name == $"http.{name}").Unit;
            var ratio = Value(metrics, $"ratio.http/library.{name}");
            var goal = metrics.FirstOrDefault(m => m.Name == $"ratio.http/library.{name}") is { GoalMax: { } max } r
                ? $"≤ {Report.Format(max)}× {(r.Met == true ? "yes" : "**NO**")}"
                : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} ({unit}) | {Show(library)} | {Show(http)} | {(ratio is { } x ? Report.Format(x) + "×" : "n/a")} | {goal} |");
        }

        return text.ToString();
    }

    private static string Show(double? value) => value is { } v ? Report.Format(v) : "n/a";

    private static double? Value(IReadOnlyList<Metric> metrics, string name) =>
        metrics.FirstOrDefault(m => m.Name == name) is { } m && !double.IsNaN(m.Value) ? m.Value : null;
}
