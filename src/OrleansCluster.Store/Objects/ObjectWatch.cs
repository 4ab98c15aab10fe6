using System.Runtime.CompilerServices;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Store.Objects;

/// <summary>What a watcher sees: a change of a selected object, or a bookmark that only moves the revision on.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

/// <summary>One watch event; <paramref name="Json"/> is empty for bookmarks.</summary>
public sealed record WatchEvent(WatchEventType Type, long Revision, string Json);

/// <summary>What a watch selects: one resource, optionally one namespace, and selectors.</summary>
public sealed record WatchScope(string Resource, string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    /// <summary>
    /// The event a watcher of this scope sees for <paramref name="entry"/>, as Kubernetes does: a
    /// modification that moves an object into the selection is ADDED, out of it DELETED; null when unseen.
    /// </summary>
    public WatchEventType? Translate(LogEntry entry)
    {
        if (entry.Key.Resource != Resource || (Namespace is not null && entry.Key.Namespace != Namespace))
        {
            return null;
        }

        var now = Selects(entry.Labels, entry.Fields);
        switch (entry.Type)
        {
            case ChangeType.Added:
                return now ? WatchEventType.Added : null;
            case ChangeType.Deleted:
                return now ? WatchEventType.Deleted : null;
            default:
                var before = entry.PreviousLabels is not null && entry.PreviousFields is not null
                    ? Selects(entry.PreviousLabels, entry.PreviousFields)
                    : now;
                return (before, now) switch
                {
                    (true, true) => WatchEventType.Modified,
                    (false, true) => WatchEventType.Added,
                    (true, false) => WatchEventType.Deleted,
                    _ => null,
                };
        }
    }

    private bool Selects(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> fields) =>
        Labels.Matches(labels) && Fields.Matches(fields);
}

/// <summary>
/// Serves watches: every change after a revision, in revision order, exactly once, then follows
/// new changes as the tailer sees them. Old history comes from the log; recent history from the tailer's window.
/// </summary>
public sealed class ObjectWatch(RevisionLog log, LogTailer tailer)
{
    /// <summary>
    /// The events of <paramref name="scope"/> after <paramref name="after"/>. When <paramref name="bookmarkEvery"/>
    /// is set, a bookmark with the reached revision follows any quiet period that long.
    /// Throws <see cref="RevisionExpiredException"/> when <paramref name="after"/> is below the retained history.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        WatchScope scope, long after, TimeSpan? bookmarkEvery, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (_, compacted) = await log.MarksAsync(ct);
        if (after < compacted)
        {
            throw new RevisionExpiredException(after, compacted);
        }

        var cursor = after;
        var lastSent = after;
        var quietSince = DateTime.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            var (entries, reached) = await tailer.ReadAfterAsync(cursor, scope.Resource, ct);

            foreach (var entry in entries)
            {
                if (scope.Translate(entry) is { } type)
                {
                    yield return new WatchEvent(type, entry.Revision, entry.Json);
                    lastSent = entry.Revision;
                    quietSince = DateTime.UtcNow;
                }
            }

            cursor = Math.Max(cursor, reached);
            if (cursor < tailer.Head)
            {
                continue;
            }

            if (bookmarkEvery is { } every && cursor > lastSent && DateTime.UtcNow - quietSince >= every)
            {
                yield return new WatchEvent(WatchEventType.Bookmark, cursor, "");
                lastSent = cursor;
                quietSince = DateTime.UtcNow;
            }

            await WaitAsync(cursor, bookmarkEvery, ct);
        }
    }

    private async Task WaitAsync(long cursor, TimeSpan? bookmarkEvery, CancellationToken ct)
    {
        try
        {
            await tailer.WaitPastAsync(cursor, ct).WaitAsync(bookmarkEvery ?? Timeout.InfiniteTimeSpan, ct);
        }
        catch (TimeoutException)
        {
            // Quiet: loop round to send a bookmark.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The watcher went away; the loop ends.
        }
    }
}
