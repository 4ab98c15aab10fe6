using OrleansCluster.Benchmarks;

// run:       one pass of every phase against a running cluster; prints a table, writes a JSON result file.
// summarize: medians across result files (run.sh --repeat N), printed and written as markdown.
if (args is ["summarize", "--out", var summaryPath, .. var files] && files.Length > 0)
{
    var runs = new List<RunResult>();
    foreach (var file in files)
    {
        runs.Add(await Report.ReadJsonAsync(file));
    }

    var summary = Report.Summary(runs);
    if (runs.Any(r => r.Metrics.Any(m => m.Name.StartsWith("http.", StringComparison.Ordinal))))
    {
        summary += $"{Environment.NewLine}Gateway overhead (medians):{Environment.NewLine}{Environment.NewLine}"
            + Comparison.Table(Report.Medians(runs));
    }

    Console.WriteLine(summary);
    await File.WriteAllTextAsync(summaryPath, summary);
    return 0;
}

if (args is not ["run", .. var rest])
{
    Console.Error.WriteLine("usage: OrleansCluster.Benchmarks run --cs CONNECTION --out FILE.json [--silo-pid N] [--pg-pid N] [--run-id ID]");
    Console.Error.WriteLine("           [--kubeconfig FILE [--http2]] [--quick] [--scenario api|scheduling]");
    Console.Error.WriteLine("       OrleansCluster.Benchmarks summarize --out FILE.md RESULT.json...");
    return 2;
}

var settings = BenchSettings.Parse(rest);
var result = await BenchRun.RunAsync(settings);
var table = Report.Table(result.Metrics);
if (settings.Kubeconfig is not null)
{
    table += $"{Environment.NewLine}Gateway overhead:{Environment.NewLine}{Environment.NewLine}{Comparison.Table(result.Metrics)}";
}

Console.WriteLine(table);
await Report.WriteJsonAsync(result, settings.Output);
await File.WriteAllTextAsync(Path.ChangeExtension(settings.Output, ".md"), table);
Console.WriteLine($"wrote {settings.Output}");
return 0;
