using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Watch delivery lag: a watcher follows a namespace from a list's resourceVersion while a writer creates pods at a
/// fixed rate; lag = when the event arrived − when the create was acknowledged, both on this process's clock.
/// Writer and watcher use the same API (client library, or HTTPS: the event's line received on the watch stream).
/// </summary>
public sealed class WatchPhase(IPodApi api, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 100;

    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-{api.NamespaceTag}watch";
        await api.EnsureNamespaceAsync(ns);
        var labels = new Dictionary<string, string> { ["app"] = "bench-watch" };
        var (_, listVersion) = await api.ListAsync(ns, null);

        var received = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(
            () => api.WatchAsync(ns, listVersion, rv => received.TryAdd(rv, Stopwatch.GetTimestamp()), stop.Token),
            CancellationToken.None);

        // The watch is live once it delivers a first write; only then start the clock.
        var first = await api.CreateAsync(ns, "first", labels);
        await WaitForAsync(() => received.ContainsKey(first) || watcher.IsCompleted, TimeSpan.FromSeconds(30));
        if (!received.ContainsKey(first))
        {
            await watcher; // surfaces the watch's failure, if that is why
            throw new TimeoutException("the watch did not deliver its first event within 30 s");
        }

        var acknowledged = new ConcurrentDictionary<string, long>();
        var before = cpu.Read();
        var writes = await Load.OpenLoopAsync(settings.WatchRate, settings.WatchDuration, settings.Drain, async i =>
        {
            var rv = await api.CreateAsync(ns, $"p-{i.ToString(CultureInfo.InvariantCulture)}", labels);
            acknowledged[rv] = Stopwatch.GetTimestamp();
        });
        await WaitForAsync(() => acknowledged.Keys.All(received.ContainsKey), settings.Drain);
        var usage = CpuProbe.Usage($"{api.Prefix}watch", before, cpu.Read(), writes.Completed).ToList();
        await stop.CancelAsync();
        await watcher.ContinueWith(_ => { }, CancellationToken.None);

        var lags = new Samples();
        var missing = 0;
        var early = 0;
        foreach (var (rv, ackedAt) in acknowledged)
        {
            if (!received.TryGetValue(rv, out var at))
            {
                missing++;
                continue;
            }

            var lag = Stopwatch.GetElapsedTime(ackedAt, at);
            early += lag < TimeSpan.Zero ? 1 : 0;
            lags.Add(lag);
        }

        var sorted = lags.Snapshot();
        return
        [
            new Metric($"{api.Prefix}watch.lag.p50", sorted.Percentile(50), "ms",
                Note: $"{acknowledged.Count} creates at {settings.WatchRate}/s; {early} events arrived before their acknowledgement"),
            new Metric($"{api.Prefix}watch.lag.p99", sorted.Percentile(99), "ms", GoalP99Ms),
            new Metric($"{api.Prefix}watch.lag.max", sorted.Percentile(100), "ms"),
            new Metric($"{api.Prefix}watch.missing", missing, "count", 0),
            new Metric($"{api.Prefix}watch.write.errors", writes.Failed, "count", 0, writes.FirstError),
            .. usage,
        ];
    }

    /// <summary>Polls a cheap in-memory condition until it holds or the deadline passes.</summary>
    private static async Task WaitForAsync(Func<bool> condition, TimeSpan deadline)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition() && Stopwatch.GetElapsedTime(start) < deadline)
        {
            await Task.Delay(10);
        }
    }
}
