using System.Globalization;
using OrleansCluster.Client;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Single-object writes: creates, then label patches, each at a fixed offered rate (open loop); then the most
/// patches per second the API takes from <see cref="BenchSettings.Workers"/> concurrent writers (closed loop).
/// </summary>
public sealed class WritePhase(OrleansClusterClient client, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 50;

    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-write";
        await Pods.EnsureNamespaceAsync(client, ns);
        var labels = new Dictionary<string, string> { ["app"] = "bench-write" };
        await WarmUpAsync(ns, labels);

        var metrics = new List<Metric>();
        var before = cpu.Read();
        var creates = await Load.OpenLoopAsync(settings.WriteRate, settings.WriteDuration, settings.Drain,
            i => client.Pods.CreateAsync(Pods.New(ns, Name(i), labels)));
        metrics.AddRange(OpenLoopMetrics("create", creates));
        metrics.AddRange(CpuProbe.Usage("create", before, cpu.Read(), creates.Completed));

        var pods = creates.Completed + creates.Failed;
        before = cpu.Read();
        var updates = await Load.OpenLoopAsync(settings.WriteRate, settings.WriteDuration, settings.Drain,
            i => client.Pods.PatchAsync(Name(i % pods), ns, Pods.LabelPatch(i)));
        metrics.AddRange(OpenLoopMetrics("update", updates));
        metrics.AddRange(CpuProbe.Usage("update", before, cpu.Read(), updates.Completed));

        // Each worker patches its own pods (w, w + workers, ...), so no two writers queue on one grain.
        var span = pods - pods % settings.Workers;
        before = cpu.Read();
        var max = await Load.ClosedLoopAsync(settings.Workers, settings.ClosedDuration, settings.ClosedMaxOperations,
            (w, seq) => client.Pods.PatchAsync(Name((w + seq * settings.Workers) % span), ns, Pods.LabelPatch(seq)));
        metrics.Add(new Metric("update.max.rate", max.PerSecond, "writes/s",
            Note: $"closed loop, {settings.Workers} concurrent label patches, {max.Elapsed.TotalSeconds:F1} s"));
        metrics.Add(new Metric("update.max.p50", max.Latencies.Percentile(50), "ms"));
        metrics.Add(new Metric("update.max.p99", max.Latencies.Percentile(99), "ms"));
        metrics.Add(new Metric("update.max.errors", max.Failed, "count", 0, max.FirstError));
        metrics.AddRange(CpuProbe.Usage("update-max", before, cpu.Read(), max.Completed));
        return metrics;
    }

    /// <summary>Activates the code paths (JIT, connection pools, grain directory) before anything is timed.</summary>
    private async Task WarmUpAsync(string ns, Dictionary<string, string> labels)
    {
        await Load.ClosedLoopAsync(8, TimeSpan.FromSeconds(10), 400, async (w, seq) =>
        {
            var name = $"warm-{w}-{seq}";
            await client.Pods.CreateAsync(Pods.New(ns, name, labels));
            await client.Pods.PatchAsync(name, ns, Pods.LabelPatch(seq));
        });
    }

    private IEnumerable<Metric> OpenLoopMetrics(string name, LoadResult result)
    {
        var offered = string.Create(CultureInfo.InvariantCulture,
            $"open loop at {settings.WriteRate}/s for {settings.WriteDuration.TotalSeconds} s; latency from scheduled send");
        yield return new Metric($"{name}.p50", result.Latencies.Percentile(50), "ms", Note: offered);
        yield return new Metric($"{name}.p99", result.Latencies.Percentile(99), "ms", GoalP99Ms);
        yield return new Metric($"{name}.max", result.Latencies.Percentile(100), "ms");
        yield return new Metric($"{name}.achieved", result.PerSecond, "writes/s");
        yield return new Metric($"{name}.errors", result.Failed, "count", 0, result.FirstError);
    }

    private static string Name(int i) => $"p-{i.ToString(CultureInfo.InvariantCulture)}";
}
