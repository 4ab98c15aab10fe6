using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Store.Objects;

/// <summary>One object as a cache keeps it: what selectors read, and the body as a client receives it.</summary>
internal sealed record CachedObject(
    string Namespace, string Name, long Revision,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Fields, byte[] Utf8Json);

/// <summary>
/// The API server's watch cache: per resource, every object in memory, kept current from the revision log, so a
/// large list is served without a query over its rows. A list is still consistent: it reads the store's current
/// revision first and is served once the cache has applied at least that far, so it sees every write acknowledged
/// before it began (Kubernetes' consistent reads from cache). A resource is cached from its first list on. While a
/// cache is not ready (starting, rebuilding after it fell behind the log's retained history, database away) lists
/// go to the store.
/// </summary>
public sealed class ObjectCache(ObjectStore store, RevisionLog log, LogTailer tailer) : IAsyncDisposable
{
    /// <summary>How long a list waits for its resource's cache to catch up before it asks the store instead.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(2);

    // Lazy, so that two first lists of a kind racing in GetOrAdd start one follower, not two.
    private readonly ConcurrentDictionary<string, Lazy<ResourceCache>> caches = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// The answer of <see cref="ObjectStore.ListJsonChunksAsync"/> (same objects, order, chunking and revision
    /// guarantee), from memory when the resource's cache is current.
    /// </summary>
    public async IAsyncEnumerable<JsonArrayChunk> ListJsonChunksAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, int chunkSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var selected = await SelectAsync(resource, ns, labels, fields, ct);
        if (selected is null)
        {
            await foreach (var chunk in store.ListJsonChunksAsync(resource, ns, labels, fields, chunkSize, ct))
            {
                yield return chunk;
            }

            yield break;
        }

        var (revision, objects) = selected.Value;
        var chunker = new JsonArrayChunker(chunkSize);
        foreach (var o in objects)
        {
            if (chunker.Add(o.Utf8Json))
            {
                yield return chunker.Take(revision);
            }
        }

        if (chunker.HasRest)
        {
            yield return chunker.Take(revision);
        }
    }

    /// <summary>The answer of <see cref="ObjectStore.ListAsync"/>, from memory when the resource's cache is current.</summary>
    public async Task<ObjectList> ListAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, CancellationToken ct = default)
    {
        var selected = await SelectAsync(resource, ns, labels, fields, ct);
        if (selected is not { } found)
        {
            return await store.ListAsync(resource, ns, labels, fields, ct);
        }

        var items = found.Objects.Select(o =>
            new StoredObject(new ObjectKey(resource, o.Namespace, o.Name), o.Revision, Encoding.UTF8.GetString(o.Utf8Json)));
        return new ObjectList(found.Revision, [.. items]);
    }

    /// <summary>Stops following the log.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(caches.Values.Where(c => c.IsValueCreated).Select(c => c.Value.Following));
        stopping.Dispose();
    }

    /// <summary>The selected objects and their revision once the resource's cache has caught up with the store; null when it
    /// cannot soon.</summary>
    private async Task<(long Revision, List<CachedObject> Objects)?> SelectAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, CancellationToken ct)
    {
        var cache = caches.GetOrAdd(resource, r => new(() => ResourceCache.Start(r, store, tailer, stopping.Token))).Value;
        var (head, _) = await log.MarksAsync(ct);
        return await cache.SelectAsync(head, ns, labels, fields, CatchUpLimit, ct);
    }

    /// <summary>One resource's objects by namespace and name (ordinal order, as etcd's keys), and the revision applied.</summary>
    private sealed class ResourceCache
    {
        private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

        private readonly Lock gate = new();
        private readonly SortedDictionary<string, SortedDictionary<string, CachedObject>> namespaces = new(StringComparer.Ordinal);
        private TaskCompletionSource advanced = NewSignal();
        private long applied = -1;
        private bool ready;

        private ResourceCache(string resource) => Resource = resource;

        public string Resource { get; }

        public Task Following { get; private set; } = Task.CompletedTask;

        public static ResourceCache Start(string resource, ObjectStore store, LogTailer tailer, CancellationToken stop)
        {
            var cache = new ResourceCache(resource);
            cache.Following = Task.Run(() => cache.FollowAsync(store, tailer, stop), CancellationToken.None);
            return cache;
        }

        /// <summary>
        /// The selected objects in order and the revision they are consistent with, once this cache has
        /// applied <paramref name="atLeast"/>; null when it cannot within <paramref name="limit"/>.
        /// </summary>
        public async Task<(long Revision, List<CachedObject> Objects)?> SelectAsync(
            long atLeast, string? ns, LabelSelector labels, FieldSelector fields, TimeSpan limit, CancellationToken ct)
        {
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                Task signal;
                lock (gate)
                {
                    if (ready && applied >= atLeast)
                    {
                        return (applied, Select(ns, labels, fields));
                    }

                    signal = advanced.Task;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                try
                {
                    await signal.WaitAsync(left, ct);
                }
                catch (TimeoutException)
                {
                    return null;
                }
            }
        }

        private List<CachedObject> Select(string? ns, LabelSelector labels, FieldSelector fields)
        {
            var selected = new List<CachedObject>();
            if (labels.MatchesNothing)
            {
                return selected;
            }

            IEnumerable<SortedDictionary<string, CachedObject>> scope = ns is null
                ? namespaces.Values
                : namespaces.TryGetValue(ns, out var one) ? [one] : [];
            foreach (var objects in scope)
            {
                foreach (var o in objects.Values)
                {
                    if (labels.Matches(o.Labels) && fields.Matches(o.Fields))
                    {
                        selected.Add(o);
                    }
                }
            }

            return selected;
        }

        private async Task FollowAsync(ObjectStore store, LogTailer tailer, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (revision, objects) = await store.SnapshotAsync(Resource, stop);
                    Load(revision, objects);
                    await TailAsync(revision, tailer, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (RevisionExpiredException)
                {
                    // Fell behind the log's retained history: reload at once; lists use the store meanwhile.
                    NotReady();
                }
                catch (Exception)
                {
                    // The database went away (or anything else stopped the tail): lists use the store until reloaded.
                    NotReady();
                    await Task.Delay(RetryAfter, stop).ContinueWith(_ => { }, CancellationToken.None);
                }
            }
        }

        private void NotReady()
        {
            lock (gate)
            {
                ready = false;
            }
        }

        private async Task TailAsync(long cursor, LogTailer tailer, CancellationToken stop)
        {
            while (true)
            {
                var (entries, reached) = await tailer.ReadAfterAsync(cursor, Resource, stop);
                Apply(entries, reached);
                cursor = Math.Max(cursor, reached);
                if (cursor >= tailer.Head)
                {
                    await tailer.WaitPastAsync(cursor, stop);
                }
            }
        }

        private void Load(long revision, List<CachedObject> objects)
        {
            TaskCompletionSource toSignal;
            lock (gate)
            {
                namespaces.Clear();
                foreach (var o in objects)
                {
                    Put(o);
                }

                applied = revision;
                ready = true;
                toSignal = advanced;
                advanced = NewSignal();
            }

            toSignal.TrySetResult();
        }

        private void Apply(IReadOnlyList<LogEntry> entries, long reached)
        {
            TaskCompletionSource toSignal;
            lock (gate)
            {
                foreach (var e in entries)
                {
                    if (e.Key.Resource != Resource || e.Revision <= applied)
                    {
                        continue;
                    }

                    if (e.Type == ChangeType.Deleted)
                    {
                        if (namespaces.TryGetValue(e.Key.Namespace, out var objects) && objects.Remove(e.Key.Name) && objects.Count == 0)
                        {
                            namespaces.Remove(e.Key.Namespace);
                        }
                    }
                    else
                    {
                        Put(new CachedObject(e.Key.Namespace, e.Key.Name, e.Revision, e.Labels, e.Fields, Encoding.UTF8.GetBytes(e.Json)));
                    }
                }

                if (reached <= applied)
                {
                    return;
                }

                applied = reached;
                toSignal = advanced;
                advanced = NewSignal();
            }

            toSignal.TrySetResult();
        }

        private void Put(CachedObject o)
        {
            if (!namespaces.TryGetValue(o.Namespace, out var objects))
            {
                objects = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
                namespaces.Add(o.Namespace, objects);
            }

            objects[o.Name] = o;
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
