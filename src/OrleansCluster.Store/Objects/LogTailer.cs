using Npgsql;

namespace OrleansCluster.Store.Objects;

/// <summary>
/// Follows the revision log for one process: LISTENs for <c>kube_log</c> notifications (with a short
/// poll as the safety net), reads each new entry once, and keeps the recent ones in memory so that
/// any number of watchers are served without a query each. Watchers that start further back read the
/// log themselves until they reach the window this keeps.
/// </summary>
public sealed class LogTailer(NpgsqlDataSource dataSource, RevisionLog log, int capacity = 20_000) : IAsyncDisposable
{
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(1);
    private const int PageSize = 1_000;

    private readonly Lock gate = new();
    private readonly List<LogEntry> window = [];
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource changed = NewSignal();
    private long floor;
    private long head = -1;
    private Task? loop;
    private int disposed;

    /// <summary>Starts following from the current head; returns once the head is known.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var (current, _) = await log.MarksAsync(ct);
        lock (gate)
        {
            floor = head = current;
        }

        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>The newest revision this process has read.</summary>
    public long Head
    {
        get
        {
            lock (gate)
            {
                return head;
            }
        }
    }

    /// <summary>
    /// The kept entries after <paramref name="after"/> and the head they reach; false when
    /// <paramref name="after"/> is below the kept window (read the log instead).
    /// </summary>
    public bool TryRead(long after, out IReadOnlyList<LogEntry> entries, out long reached)
    {
        lock (gate)
        {
            reached = head;
            if (head < 0 || after < floor)
            {
                entries = [];
                return false;
            }

            var start = window.BinarySearch(new LogEntry(after, default, default, null!, null!, null, null, ""), ByRevision);
            start = start < 0 ? ~start : start + 1;
            entries = window.GetRange(start, window.Count - start);
            return true;
        }
    }

    /// <summary>
    /// The entries after <paramref name="after"/> and the revision they reach: from the kept window when it covers
    /// <paramref name="after"/> (entries of every resource), else one page of <paramref name="resource"/>'s log
    /// (throws <see cref="RevisionExpiredException"/> below the retained history). What watches and caches follow.
    /// </summary>
    public async Task<(IReadOnlyList<LogEntry> Entries, long Reached)> ReadAfterAsync(long after, string resource, CancellationToken ct)
    {
        if (TryRead(after, out var entries, out var reached))
        {
            return (entries, reached);
        }

        var page = await log.ReadAfterAsync(after, PageSize, resource, ct);
        return (page.Entries, page.Head);
    }

    /// <summary>Completes when the head passes <paramref name="after"/>, or the wait is cancelled.</summary>
    public async Task WaitPastAsync(long after, CancellationToken ct)
    {
        Task signal;
        lock (gate)
        {
            if (head > after)
            {
                return;
            }

            signal = changed.Task;
        }

        await signal.WaitAsync(ct);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(ct);
                conn.Notification += (_, _) => { };
                await using (var listen = new NpgsqlCommand("LISTEN kube_log", conn))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                while (!ct.IsCancellationRequested)
                {
                    await PullAsync(ct);
                    await conn.WaitAsync(SafetyPoll, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                // The database went away: watchers keep waiting, and we reconnect shortly.
                await Task.Delay(SafetyPoll, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task PullAsync(CancellationToken ct)
    {
        LogPage page;
        do
        {
            long from;
            lock (gate)
            {
                from = head;
            }

            try
            {
                page = await log.ReadAfterAsync(from, PageSize, null, ct);
            }
            catch (RevisionExpiredException)
            {
                // We fell behind compaction: restart the window at the head.
                var (current, _) = await log.MarksAsync(ct);
                Publish([], current, current, resetFloor: true);
                return;
            }

            Publish(page.Entries, page.Head, page.Compacted, resetFloor: false);
        }
        while (page.Full);
    }

    private void Publish(IReadOnlyList<LogEntry> entries, long reached, long compacted, bool resetFloor)
    {
        TaskCompletionSource toSignal;
        lock (gate)
        {
            if (resetFloor)
            {
                window.Clear();
                floor = reached;
            }

            window.AddRange(entries);

            // Keep no more than capacity, and nothing compaction has pruned: history a watcher may no longer resume from.
            var drop = Math.Max(window.Count - capacity, window.FindIndex(e => e.Revision > compacted) is var i and >= 0 ? i : window.Count);
            if (drop > 0)
            {
                floor = window[drop - 1].Revision;
                window.RemoveRange(0, drop);
            }

            floor = Math.Max(floor, Math.Min(compacted, reached));

            if (reached <= head)
            {
                return;
            }

            head = reached;
            toSignal = changed;
            changed = NewSignal();
        }

        toSignal.TrySetResult();
    }

    private static readonly Comparer<LogEntry> ByRevision =
        Comparer<LogEntry>.Create((a, b) => a.Revision.CompareTo(b.Revision));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops following; safe to call more than once (the silo's lifecycle and the container both do).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
    }
}
