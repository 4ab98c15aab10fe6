using System.Threading.Channels;

namespace OrleansCluster.Node.Agent;

/// <summary>Which pod of which node a pass is for; the pass reads everything else itself (level-based).</summary>
public readonly record struct PodKey(string Node, string Namespace, string Name)
{
    public override string ToString() => $"{Node}:{Namespace}/{Name}";
}

/// <summary>
/// Kubernetes' work queue for pods: a key is processed by one pass at a time; a key added while its pass runs is
/// processed once more afterwards (never twice at once, never lost); different keys run in parallel up to a bound.
/// A pass answers when to look again (a back-off ending); a failing pass is retried with a capped exponential delay.
/// </summary>
public sealed class PodWorkQueue(Func<PodKey, CancellationToken, Task<TimeSpan?>> pass, int parallelism, TimeProvider time, Action<PodKey, Exception> failed)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly Channel<PodKey> ready = Channel.CreateUnbounded<PodKey>();
    private readonly Lock gate = new();
    private readonly HashSet<PodKey> queued = [];
    private readonly HashSet<PodKey> running = [];
    private readonly HashSet<PodKey> dirty = [];
    private readonly Dictionary<PodKey, int> failures = [];

    /// <summary>Passes completed (for tests and diagnostics).</summary>
    public long Completed => Interlocked.Read(ref completed);

    private long completed;

    public void Enqueue(PodKey key)
    {
        lock (gate)
        {
            if (running.Contains(key))
            {
                dirty.Add(key);
                return;
            }

            if (!queued.Add(key))
            {
                return;
            }
        }

        ready.Writer.TryWrite(key);
    }

    /// <summary>Adds the key after <paramref name="delay"/>; earlier adds still run it sooner.</summary>
    public void EnqueueAfter(PodKey key, TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }

        _ = Task.Delay(delay, time, ct).ContinueWith(t =>
        {
            if (!t.IsCanceled)
            {
                Enqueue(key);
            }
        }, TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="parallelism"/> workers until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var key in ready.Reader.ReadAllAsync(ct))
            {
                lock (gate)
                {
                    queued.Remove(key);
                    running.Add(key);
                }

                TimeSpan? next;
                try
                {
                    next = await pass(key, ct);
                    lock (gate)
                    {
                        failures.Remove(key);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failed(key, e);
                    int count;
                    lock (gate)
                    {
                        failures[key] = count = failures.GetValueOrDefault(key) + 1;
                    }

                    next = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(count - 1, 16)));
                }

                Interlocked.Increment(ref completed);
                bool again;
                lock (gate)
                {
                    running.Remove(key);
                    again = dirty.Remove(key);
                }

                if (again)
                {
                    Enqueue(key);
                }
                else if (next is { } delay)
                {
                    EnqueueAfter(key, delay, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
