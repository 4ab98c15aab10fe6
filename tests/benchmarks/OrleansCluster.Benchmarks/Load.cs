using System.Diagnostics;

namespace OrleansCluster.Benchmarks;

/// <summary>What a load loop did: completed operations, failures, wall time and the latency of each success.</summary>
public sealed record LoadResult(int Completed, int Failed, TimeSpan Elapsed, Samples Latencies, string? FirstError)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}

/// <summary>The two ways this harness offers load. Both are bounded in operation count and in time.</summary>
public static class Load
{
    /// <summary>
    /// Open loop: operation <c>i</c> is due at <c>start + i / rate</c> and is sent then, whether or not earlier ones
    /// have answered. Latency runs from the due time (not the send time) to the answer, so a stall is charged to every
    /// operation that should have been sent during it (no coordinated omission). Operations still running
    /// <paramref name="drain"/> after the last was due count as failed.
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(
        double rate, TimeSpan duration, TimeSpan drain, Func<int, Task> operation)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var samples = new Samples();
        var failures = new Failures();
        var running = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            running.Add(RunAsync(i, due));
        }

        var all = Task.WhenAll(running);
        await Task.WhenAny(all, Task.Delay(drain));
        var unfinished = running.Count(t => !t.IsCompleted);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadResult(samples.Count, failures.Count + unfinished, elapsed, samples.Snapshot(),
            failures.First ?? (unfinished > 0 ? $"{unfinished} operations unanswered after {drain}" : null));

        async Task RunAsync(int i, long due)
        {
            try
            {
                await operation(i);
                samples.Add(Stopwatch.GetElapsedTime(due));
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }
    }

    /// <summary>
    /// Closed loop: <paramref name="workers"/> workers each send their next operation as soon as the previous one
    /// answers, until <paramref name="duration"/> has passed or <paramref name="maxOperations"/> have been sent.
    /// The operation gets (worker, that worker's sequence number).
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(
        int workers, TimeSpan duration, int maxOperations, Func<int, int, Task> operation)
    {
        var samples = new Samples();
        var failures = new Failures();
        var issued = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadResult(samples.Count, failures.Count, elapsed, samples.Snapshot(), failures.First);

        async Task WorkAsync(int worker)
        {
            for (var seq = 0;
                 Stopwatch.GetElapsedTime(start) < duration && Interlocked.Increment(ref issued) <= maxOperations;
                 seq++)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, seq);
                    samples.Add(Stopwatch.GetElapsedTime(sent));
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        }
    }

    private sealed class Failures
    {
        private int count;
        private string? first;

        public int Count => Volatile.Read(ref count);

        public string? First => Volatile.Read(ref first);

        public void Add(Exception e)
        {
            Interlocked.Increment(ref count);
            Interlocked.CompareExchange(ref first, $"{e.GetType().Name}: {e.Message}", null);
        }
    }
}
