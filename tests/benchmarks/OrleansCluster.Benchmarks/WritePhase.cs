using System.Globalization;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Single-object writes: creates, then label patches, each at a fixed offered rate (open loop); then the most
/// patches per second the API takes from <see cref="BenchSettings.Workers"/> concurrent writers (closed loop).
/// With several APIs (client library, HTTPS gateway) each step runs through each in turn, in its own namespace,
/// so the two figures of a step are taken minutes apart at most.
/// </summary>
public sealed class WritePhase(IReadOnlyList<IPodApi> apis, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 50;

    public async Task<List<Metric>> RunAsync()
    {
        var labels = new Dictionary<string, string> { ["app"] = "bench-write" };
        var namespaces = new Dictionary<IPodApi, string>();
        foreach (var api in apis)
        {
            var ns = $"{settings.RunId}-{api.NamespaceTag}write";
            await api.EnsureNamespaceAsync(ns);
            await WarmUpAsync(api, ns, labels);
            namespaces[api] = ns;
        }

        var metrics = new List<Metric>();
        var pods = new Dictionary<IPodApi, int>();
        foreach (var (api, ns) in namespaces)
        {
            var before = cpu.Read();
            var creates = await Load.OpenLoopAsync(settings.WriteRate, settings.WriteDuration, settings.Drain,
                i => api.CreateAsync(ns, Name(i), labels));
            metrics.AddRange(OpenLoopMetrics($"{api.Prefix}create", creates));
            metrics.AddRange(CpuProbe.Usage($"{api.Prefix}create", before, cpu.Read(), creates.Completed));
            pods[api] = creates.Completed + creates.Failed;
        }

        foreach (var (api, ns) in namespaces)
        {
            var before = cpu.Read();
            var updates = await Load.OpenLoopAsync(settings.WriteRate, settings.WriteDuration, settings.Drain,
                i => api.PatchAsync(ns, Name(i % pods[api]), Pods.LabelPatch(i)));
            metrics.AddRange(OpenLoopMetrics($"{api.Prefix}update", updates));
            metrics.AddRange(CpuProbe.Usage($"{api.Prefix}update", before, cpu.Read(), updates.Completed));
        }

        foreach (var (api, ns) in namespaces)
        {
            // Each worker patches its own pods (w, w + workers, ...), so no two writers queue on one grain.
            var span = pods[api] - pods[api] % settings.Workers;
            var before = cpu.Read();
            var max = await Load.ClosedLoopAsync(settings.Workers, settings.ClosedDuration, settings.ClosedMaxOperations,
                (w, seq) => api.PatchAsync(ns, Name((w + seq * settings.Workers) % span), Pods.LabelPatch(seq)));
            var prefix = $"{api.Prefix}update.max";
            metrics.Add(new Metric($"{prefix}.rate", max.PerSecond, "writes/s",
                Note: $"closed loop, {settings.Workers} concurrent label patches, {max.Elapsed.TotalSeconds:F1} s"));
            metrics.Add(new Metric($"{prefix}.p50", max.Latencies.Percentile(50), "ms"));
            metrics.Add(new Metric($"{prefix}.p99", max.Latencies.Percentile(99), "ms"));
            metrics.Add(new Metric($"{prefix}.errors", max.Failed, "count", 0, max.FirstError));
            metrics.AddRange(CpuProbe.Usage($"{api.Prefix}update-max", before, cpu.Read(), max.Completed));
        }

        return metrics;
    }

    /// <summary>
    /// Activates the code paths (JIT, grain directory) and fills the connection pools (as many HTTP/1.1 connections
    /// as the closed loop has writers) before anything is timed.
    /// </summary>
    private async Task WarmUpAsync(IPodApi api, string ns, Dictionary<string, string> labels)
    {
        await Load.ClosedLoopAsync(settings.Workers, TimeSpan.FromSeconds(10), 400, async (w, seq) =>
        {
            var name = $"warm-{w}-{seq}";
            await api.CreateAsync(ns, name, labels);
            await api.PatchAsync(ns, name, Pods.LabelPatch(seq));
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
