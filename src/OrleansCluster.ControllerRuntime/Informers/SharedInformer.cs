using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>
/// client-go's shared informer for one kind in one process: list, then watch from the list's revision (listing again
/// when the watch expires or breaks), keeping a cache indexed by namespace, by owner uid and by label, and telling
/// each subscriber of every change in revision order. Every controller of the process reads the same cache, so a kind
/// is listed and watched once however many controllers look at it.
/// </summary>
public sealed partial class SharedInformer<T> : ISharedInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly IListWatch source;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Lock dispatch = new();
    private readonly Dictionary<ObjectName, T> items = [];
    private readonly Index byNamespace = new(o => [((T)o).Metadata.NamespaceProperty ?? ""]);
    private readonly Index byOwner = new(o => ((T)o).Metadata.OwnerReferences?.Select(r => r.Uid) ?? []);
    private readonly Index byLabel = new(o => ((T)o).Metadata.Labels?.Select(l => $"{l.Key}={l.Value}") ?? []);
    private readonly List<Action<InformerEvent<T>>> subscribers = [];
    private readonly List<(long Revision, TaskCompletionSource Seen)> waiters = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long revision;

    public SharedInformer(IListWatch source, ResourceType type, ILogger logger)
    {
        if (!typeof(T).IsAssignableFrom(type.ModelType))
        {
            throw new ArgumentException($"{type.Kind} is a {type.ModelType.Name}, not a {typeof(T).Name}", nameof(type));
        }

        this.source = source;
        this.logger = logger;
        Type = type;
    }

    public ResourceType Type { get; }

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => synced.Task;

    /// <summary>The newest revision the cache reflects.</summary>
    public long Revision => Interlocked.Read(ref revision);

    public T? Get(ObjectName name)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(name);
        }
    }

    /// <summary>Every cached object, or those of one namespace.</summary>
    public IReadOnlyList<T> List(string? ns = null)
    {
        lock (gate)
        {
            return ns is null ? items.Values.ToList() : Lookup(byNamespace.Get(ns));
        }
    }

    /// <summary>The objects of <paramref name="ns"/> that <paramref name="selector"/> selects.</summary>
    public IReadOnlyList<T> Select(string ns, LabelSelector selector) =>
        List(ns).Where(o => selector.Selects(o.Metadata)).ToList();

    /// <summary>The objects with an owner reference to <paramref name="uid"/>.</summary>
    public IReadOnlyList<T> OwnedBy(string uid)
    {
        lock (gate)
        {
            return Lookup(byOwner.Get(uid));
        }
    }

    /// <summary>The objects labelled <paramref name="key"/>=<paramref name="value"/>.</summary>
    public IReadOnlyList<T> Labelled(string key, string value)
    {
        lock (gate)
        {
            return Lookup(byLabel.Get($"{key}={value}"));
        }
    }

    /// <summary>
    /// Tells <paramref name="handler"/> of every change from now on, after telling it of every cached object as
    /// added. Handlers run one at a time on the informer's thread: they should only note keys. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        lock (dispatch)
        {
            foreach (var obj in List())
            {
                handler(new InformerEvent<T>(ChangeType.Added, null, obj));
            }

            subscribers.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (dispatch)
            {
                subscribers.Remove(handler);
            }
        });
    }

    /// <summary>
    /// Waits until the cache reflects <paramref name="target"/> (a revision a write of ours answered), so a pass after
    /// that write reads it: the controller never acts twice on a view older than its own last change.
    /// </summary>
    public Task WaitForRevisionAsync(long target, CancellationToken ct)
    {
        lock (gate)
        {
            if (revision >= target)
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((target, seen));
            return seen.Task.WaitAsync(ct);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var listing = await source.ListAsync<T>(Type, ct);
                Replace(listing);
                await foreach (var change in source.WatchAsync<T>(Type, listing.Revision, ct))
                {
                    Apply(change);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ListWatchExpiredException)
            {
                LogRelist(logger, Type.QualifiedPlural);
            }
            catch (Exception e)
            {
                LogFailed(logger, e, Type.QualifiedPlural);
                await Task.Delay(RetryDelay, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Replace(Listing<T> listing)
    {
        var fresh = listing.Items.ToDictionary(ObjectName.Of);
        var events = new List<InformerEvent<T>>();
        lock (gate)
        {
            foreach (var (name, old) in items)
            {
                if (!fresh.TryGetValue(name, out var now))
                {
                    events.Add(new InformerEvent<T>(ChangeType.Deleted, old, null));
                }
                else if (now.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
                {
                    events.Add(new InformerEvent<T>(ChangeType.Modified, old, now));
                }
            }

            events.AddRange(fresh.Where(f => !items.ContainsKey(f.Key)).Select(f => new InformerEvent<T>(ChangeType.Added, null, f.Value)));
            items.Clear();
            byNamespace.Clear();
            byOwner.Clear();
            byLabel.Clear();
            foreach (var (name, obj) in fresh)
            {
                Store(name, obj);
            }
        }

        Dispatch(events);
        Advance(listing.Revision);
        synced.TrySetResult();
    }

    private void Apply(Change<T> change)
    {
        if (change.Type == ChangeType.Bookmark || change.Object is not { } obj)
        {
            Advance(change.Revision);
            return;
        }

        var name = ObjectName.Of(obj);
        InformerEvent<T> e;
        lock (gate)
        {
            var old = Unstore(name);
            if (change.Type == ChangeType.Deleted)
            {
                e = new InformerEvent<T>(ChangeType.Deleted, old ?? obj, null);
            }
            else
            {
                Store(name, obj);
                e = new InformerEvent<T>(old is null ? ChangeType.Added : ChangeType.Modified, old, obj);
            }
        }

        Dispatch([e]);
        Advance(change.Revision);
    }

    private void Store(ObjectName name, T obj)
    {
        items[name] = obj;
        byNamespace.Add(obj, name);
        byOwner.Add(obj, name);
        byLabel.Add(obj, name);
    }

    private T? Unstore(ObjectName name)
    {
        if (!items.Remove(name, out var old))
        {
            return null;
        }

        byNamespace.Remove(old, name);
        byOwner.Remove(old, name);
        byLabel.Remove(old, name);
        return old;
    }

    private void Dispatch(List<InformerEvent<T>> events)
    {
        lock (dispatch)
        {
            foreach (var e in events)
            {
                foreach (var handler in subscribers)
                {
                    try
                    {
                        handler(e);
                    }
                    catch (Exception error)
                    {
                        LogHandlerFailed(logger, error, Type.QualifiedPlural);
                    }
                }
            }
        }
    }

    private void Advance(long to)
    {
        List<TaskCompletionSource> done;
        lock (gate)
        {
            if (to <= revision)
            {
                return;
            }

            Interlocked.Exchange(ref revision, to);
            done = waiters.Where(w => w.Revision <= to).Select(w => w.Seen).ToList();
            waiters.RemoveAll(w => w.Revision <= to);
        }

        foreach (var seen in done)
        {
            seen.TrySetResult();
        }
    }

    private List<T> Lookup(IReadOnlyCollection<ObjectName> names) => names.Select(n => items[n]).ToList();

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer {Resource}: the watch expired; listing again")]
    private static partial void LogRelist(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer {Resource}: listing or watching failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "Informer {Resource}: a subscriber failed on an event")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string resource);
}
