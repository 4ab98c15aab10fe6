using System.Diagnostics;
using System.Globalization;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Lists of one namespace holding <see cref="BenchSettings.ListPods"/> pods (seeded through the first API): one
/// selector matches every pod, another 1% of them. Each API lists the same pods, interleaved with the others, so
/// machine noise hits all alike. Through the client library the figure includes turning the JSON into
/// <c>V1Pod</c>s; through HTTP, reading the body and parsing it into a <c>JsonDocument</c> (to count the items).
/// </summary>
public sealed class ListPhase(IReadOnlyList<IPodApi> apis, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 300;
    private const int Shards = 100;
    private const int WarmUps = 2;

    public async Task<List<Metric>> RunAsync()
    {
        var seeder = apis[0];
        var ns = $"{settings.RunId}-list";
        await seeder.EnsureNamespaceAsync(ns);
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
                return seeder.CreateAsync(ns, $"p-{i.ToString(CultureInfo.InvariantCulture)}", labels);
            });
        metrics.Add(new Metric("seed.create.rate", seed.PerSecond, "writes/s",
            Note: $"{seed.Completed} creates, closed loop, {settings.Workers} concurrent, {seeder.Description}"));
        metrics.Add(new Metric("seed.create.p99", seed.Latencies.Percentile(99), "ms"));
        metrics.Add(new Metric("seed.create.errors", seed.Failed, "count", 0, seed.FirstError));
        metrics.AddRange(CpuProbe.Usage("seed-create", before, cpu.Read(), seed.Completed));

        var all = "app=bench-list";
        var onePercent = $"app=bench-list,shard={Shard(42)}";
        var timings = apis.ToDictionary(api => api, _ => new Timings());
        for (var i = 0; i < WarmUps + settings.Lists; i++)
        {
            foreach (var api in apis)
            {
                var t = timings[api];
                t.WrongCounts += await TimeListAsync(api, ns, all, seed.Completed, i < WarmUps ? null : t.All, t);
                t.WrongCounts += await TimeListAsync(api, ns, onePercent, seed.Completed / Shards, i < WarmUps ? null : t.Some, t);
            }
        }

        var lists = 2 * (WarmUps + settings.Lists);
        foreach (var (api, t) in timings)
        {
            var p = api.Prefix;
            metrics.Add(new Metric($"{p}list.all.p50", t.All.Snapshot().Percentile(50), "ms",
                Note: $"{seed.Completed} of {seed.Completed} pods, selector '{all}', {settings.Lists} lists"));
            metrics.Add(new Metric($"{p}list.all.p99", t.All.Snapshot().Percentile(99), "ms", GoalP99Ms));
            metrics.Add(new Metric($"{p}list.1pct.p50", t.Some.Snapshot().Percentile(50), "ms",
                Note: $"{seed.Completed / Shards} of {seed.Completed} pods, selector '{onePercent}'"));
            metrics.Add(new Metric($"{p}list.1pct.p99", t.Some.Snapshot().Percentile(99), "ms", GoalP99Ms));
            metrics.Add(new Metric($"{p}list.wrong-counts", t.WrongCounts, "count", 0));
            metrics.AddRange(CpuProbe.Usage($"{p}list", new CpuReading(0, 0, 0, 0, 0), t.Cpu, lists));
        }

        return metrics;
    }

    /// <summary>Times one list; returns 1 when it did not hold the expected number of pods.</summary>
    private async Task<int> TimeListAsync(IPodApi api, string ns, string selector, int expected, Samples? into, Timings t)
    {
        var before = cpu.Read();
        var start = Stopwatch.GetTimestamp();
        var (count, _) = await api.ListAsync(ns, selector).WaitAsync(TimeSpan.FromSeconds(60));
        into?.Add(Stopwatch.GetElapsedTime(start));
        t.AddCpu(before, cpu.Read());
        return count == expected ? 0 : 1;
    }

    private static string Shard(int i) => $"s{i.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>One API's list times, and the CPU its lists used (summed over its lists only).</summary>
    private sealed class Timings
    {
        public Samples All { get; } = new();

        public Samples Some { get; } = new();

        public int WrongCounts { get; set; }

        public CpuReading Cpu { get; private set; } = new(0, 0, 0, 0, 0);

        public void AddCpu(CpuReading before, CpuReading after) => Cpu = new CpuReading(
            Cpu.Bench + after.Bench - before.Bench,
            Cpu.Silo + after.Silo - before.Silo,
            Cpu.Postgres + after.Postgres - before.Postgres,
            Cpu.MachineBusy + after.MachineBusy - before.MachineBusy,
            Cpu.MachineTotal + after.MachineTotal - before.MachineTotal);
    }
}
