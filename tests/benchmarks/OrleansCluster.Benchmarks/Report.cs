using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansCluster.Benchmarks;

/// <summary>One figure. <paramref name="GoalMax"/>, when set, is the goal's upper bound (the figure must not exceed it).</summary>
public sealed record Metric(string Name, double Value, string Unit, double? GoalMax = null, string? Note = null)
{
    public bool? Met => GoalMax is { } max && !double.IsNaN(Value) ? Value <= max : null;
}

/// <summary>The result file of one invocation.</summary>
public sealed class RunResult
{
    public string RunId { get; set; } = "";

    public DateTimeOffset Started { get; set; }

    public string Machine { get; set; } = "";

    public List<Metric> Metrics { get; set; } = [];

    public List<string> Notes { get; set; } = [];
}

/// <summary>Tables for the console and markdown, and the JSON result file.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteJsonAsync(RunResult result, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, Json));
    }

    public static async Task<RunResult> ReadJsonAsync(string path) =>
        JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(path), Json)
        ?? throw new InvalidDataException($"{path} holds no result");

    /// <summary>A markdown table (also readable on a console): figure, value, unit, goal, met, extra columns.</summary>
    public static string Table(IEnumerable<Metric> metrics, Func<Metric, string>? extra = null, string? extraHeader = null)
    {
        var text = new StringBuilder();
        text.Append("| figure | value | unit | goal | met |");
        text.AppendLine(extraHeader is null ? "" : $" {extraHeader} |");
        text.Append("|---|---:|---|---|---|");
        text.AppendLine(extraHeader is null ? "" : "---|");
        foreach (var m in metrics)
        {
            var goal = m.GoalMax is { } max ? $"≤ {Format(max)}" : "";
            var met = m.Met switch { true => "yes", false => "**NO**", null => "" };
            text.Append(CultureInfo.InvariantCulture, $"| {m.Name} | {Format(m.Value)} | {m.Unit} | {goal} | {met} |");
            text.AppendLine(extra is null ? "" : $" {extra(m)} |");
        }

        return text.ToString();
    }

    public static string Format(double value) => double.IsNaN(value)
        ? "n/a"
        : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("F1", CultureInfo.InvariantCulture)
        : value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Each figure's median across runs.</summary>
    public static List<Metric> Medians(IReadOnlyList<RunResult> runs) =>
        runs.SelectMany(r => r.Metrics).Select(m => m.Name).Distinct().Select(name =>
        {
            var all = runs.SelectMany(r => r.Metrics.Where(m => m.Name == name)).ToList();
            return all[0] with { Value = Samples.Median(all.Select(m => m.Value)) };
        }).ToList();

    /// <summary>Medians across runs, with the spread (min–max) of each figure.</summary>
    public static string Summary(IReadOnlyList<RunResult> runs)
    {
        var medians = Medians(runs);
        string Spread(Metric m)
        {
            var values = runs.SelectMany(r => r.Metrics.Where(x => x.Name == m.Name)).Select(x => x.Value)
                .Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? "" : $"{Format(values.Min())} – {Format(values.Max())} (n={values.Count})";
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median of {runs.Count} run(s): {string.Join(", ", runs.Select(r => r.RunId))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {runs[0].Machine}");
        text.AppendLine();
        text.Append(Table(medians, Spread, "min – max"));
        foreach (var note in runs.SelectMany(r => r.Notes.Select(n => $"{r.RunId}: {n}")))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }
}
