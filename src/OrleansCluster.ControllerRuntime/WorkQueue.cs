using System.Threading.Channels;

namespace OrleansCluster.ControllerRuntime;

/// <summary>
/// Kubernetes' work queue, for any key: a key is processed by one pass at a time; a key added while queued is queued
/// once; a key added while its pass runs is processed once more afterwards (never twice at once, never lost);
/// different keys run in parallel up to <see cref="WorkQueueOptions.Parallelism"/>. A pass answers when to look
/// again (null: only when told); a failing pass is retried after <see cref="RetryLimiter{TKey}"/>'s delay.
/// </summary>
public sealed class WorkQueue<TKey> where TKey : notnull
{
    private readonly Func<TKey, CancellationToken, Task<TimeSpan?>> pass;
    private readonly WorkQueueOptions options;
    private readonly TimeProvider time;
    private readonly Action<TKey, Exception> failed;
    private readonly RetryLimiter<TKey> retries;
    private readonly Channel<TKey> ready = Channel.CreateUnbounded<TKey>();
    private readonly Lock gate = new();
    private readonly HashSet<TKey> queued = [];
    private readonly HashSet<TKey> running = [];
    private readonly HashSet<TKey> dirty = [];
    private long completed;

    /// <param name="pass">One reconcile of a key; returns when to look again, if time alone will change the answer.</param>
    /// <param name="failed">Told of each failed pass (to log it); the key is retried.</param>
    public WorkQueue(Func<TKey, CancellationToken, Task<TimeSpan?>> pass, WorkQueueOptions options, TimeProvider time, Action<TKey, Exception> failed)
    {
        this.pass = pass;
        this.options = options;
        this.time = time;
        this.failed = failed;
        retries = new RetryLimiter<TKey>(options, time);
    }

    /// <summary>Passes completed, failed ones included (for tests and diagnostics).</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>How many keys wait for a pass.</summary>
    public int Queued
    {
        get
        {
            lock (gate)
            {
                return queued.Count;
            }
        }
    }

    public void Enqueue(TKey key)
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

    /// <summary>Adds the key after <paramref name="delay"/>; an earlier add still runs it sooner.</summary>
    public void EnqueueAfter(TKey key, TimeSpan delay, CancellationToken ct)
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

    /// <summary>Runs the workers until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Parallelism)).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));

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
                    retries.Forget(key);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failed(key, e);
                    next = retries.Failed(key);
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
