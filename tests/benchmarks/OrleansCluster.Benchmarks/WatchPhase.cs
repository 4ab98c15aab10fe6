using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OrleansCluster.Client;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Watch delivery lag: a watcher follows a namespace from a list's resourceVersion while a writer creates pods at a
/// fixed rate; lag = when the event arrived − when the create was acknowledged, both on this process's clock.
/// </summary>
public sealed class WatchPhase(OrleansClusterClient client, BenchSettings settings, CpuProbe cpu)
{
    private const double GoalP99Ms = 100;

    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-watch";
        await Pods.EnsureNamespaceAsync(client, ns);
        var labels = new Dictionary<string, string> { ["app"] = "bench-watch" };
        var list = await client.Pods.ListAsync(ns);

        var received = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await foreach (var e in client.Pods.WatchAsync(ns, list.ResourceVersion, ct: stop.Token))
            {
                received.TryAdd(e.ResourceVersion, Stopwatch.GetTimestamp());
            }
        }, CancellationToken.None);

        // The watch is live once it delivers a first write; only then start the clock.
        var first = await client.Pods.CreateAsync(Pods.New(ns, "first", labels));
        await WaitForAsync(() => received.ContainsKey(first.Metadata.ResourceVersion), TimeSpan.FromSeconds(30));

        var acknowledged = new ConcurrentDictionary<string, long>();
        var before = cpu.Read();
        var writes = await Load.OpenLoopAsync(settings.WatchRate, settings.WatchDuration, settings.Drain, async i =>
        {
            var pod = await client.Pods.CreateAsync(Pods.New(ns, $"p-{i.ToString(CultureInfo.InvariantCulture)}", labels));
            acknowledged[pod.Metadata.ResourceVersion] = Stopwatch.GetTimestamp();
        });
        await WaitForAsync(() => acknowledged.Keys.All(received.ContainsKey), settings.Drain);
        var usage = CpuProbe.Usage("watch", before, cpu.Read(), writes.Completed).ToList();
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
            new Metric("watch.lag.p50", sorted.Percentile(50), "ms",
                Note: $"{acknowledged.Count} creates at {settings.WatchRate}/s; {early} events arrived before their acknowledgement"),
            new Metric("watch.lag.p99", sorted.Percentile(99), "ms", GoalP99Ms),
            new Metric("watch.lag.max", sorted.Percentile(100), "ms"),
            new Metric("watch.missing", missing, "count", 0),
            new Metric("watch.write.errors", writes.Failed, "count", 0, writes.FirstError),
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
