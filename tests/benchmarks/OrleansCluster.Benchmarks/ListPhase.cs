using System.Diagnostics;
using System.Globalization;
using OrleansCluster.Client;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Lists of one namespace holding <see cref="BenchSettings.ListPods"/> pods, through the client library (so the
/// figure includes turning the JSON into <c>V1Pod</c>s): one selector matches every pod, another 1% of them.
/// </summary>
public sealed class ListPhase(OrleansClusterClient client, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 300;
    private const int Shards = 100;
    private const int WarmUps = 2;

    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-list";
        await Pods.EnsureNamespaceAsync(client, ns);
        var metrics = new List<Metric>();

        var next = -1;
        var before = cpu.Read();
        var seed = await Load.ClosedLoopAsync(settings.Workers, TimeSpan.FromMinutes(5), settings.ListPods,
            (_, _) =>
            {
                var i = Interlocked.Increment(ref next);
                var labels = new Dictionary<string, string>
                {
                    ["app"] = "bench-list",
                    ["shard"] = Shard(i % Shards),
                };
                return client.Pods.CreateAsync(Pods.New(ns, $"p-{i.ToString(CultureInfo.InvariantCulture)}", labels));
            });
        metrics.Add(new Metric("seed.create.rate", seed.PerSecond, "writes/s",
            Note: $"{seed.Completed} creates, closed loop, {settings.Workers} concurrent"));
        metrics.Add(new Metric("seed.create.p99", seed.Latencies.Percentile(99), "ms"));
        metrics.Add(new Metric("seed.create.errors", seed.Failed, "count", 0, seed.FirstError));
        metrics.AddRange(CpuProbe.Usage("seed-create", before, cpu.Read(), seed.Completed));

        var all = "app=bench-list";
        var onePercent = $"app=bench-list,shard={Shard(42)}";
        var allTimes = new Samples();
        var someTimes = new Samples();
        var wrongCounts = 0;
        before = cpu.Read();
        for (var i = 0; i < WarmUps + settings.Lists; i++)
        {
            // Interleaved, so machine noise hits both selectors alike.
            wrongCounts += await TimeListAsync(ns, all, seed.Completed, i < WarmUps ? null : allTimes);
            wrongCounts += await TimeListAsync(ns, onePercent, seed.Completed / Shards, i < WarmUps ? null : someTimes);
        }

        var lists = 2 * (WarmUps + settings.Lists);
        metrics.Add(new Metric("list.all.p50", allTimes.Snapshot().Percentile(50), "ms",
            Note: $"{seed.Completed} of {seed.Completed} pods, selector '{all}', {settings.Lists} lists"));
        metrics.Add(new Metric("list.all.p99", allTimes.Snapshot().Percentile(99), "ms", GoalP99Ms));
        metrics.Add(new Metric("list.1pct.p50", someTimes.Snapshot().Percentile(50), "ms",
            Note: $"{seed.Completed / Shards} of {seed.Completed} pods, selector '{onePercent}'"));
        metrics.Add(new Metric("list.1pct.p99", someTimes.Snapshot().Percentile(99), "ms", GoalP99Ms));
        metrics.Add(new Metric("list.wrong-counts", wrongCounts, "count", 0));
        metrics.AddRange(CpuProbe.Usage("list", before, cpu.Read(), lists));
        return metrics;
    }

    /// <summary>Times one list; returns 1 when it did not hold the expected number of pods.</summary>
    private async Task<int> TimeListAsync(string ns, string selector, int expected, Samples? into)
    {
        var start = Stopwatch.GetTimestamp();
        var list = await client.Pods.ListAsync(ns, selector).WaitAsync(TimeSpan.FromSeconds(60));
        into?.Add(Stopwatch.GetElapsedTime(start));
        return list.Items.Count == expected ? 0 : 1;
    }

    private static string Shard(int i) => $"s{i.ToString("D2", CultureInfo.InvariantCulture)}";
}
