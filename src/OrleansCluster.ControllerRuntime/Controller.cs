using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.ControllerRuntime;

/// <summary>
/// controller-runtime's controller: informer events become keys (the object itself, its owner, …), the keys of this
/// slice go into a <see cref="WorkQueue{TKey}"/>, and the queue runs <c>Reconcile(key)</c> passes, which read the
/// whole truth from the informers, so an event only ever says "look at this key". A failed pass (a conflict, the
/// store unavailable) is retried with back-off.
/// </summary>
public sealed partial class Controller<TKey> : IController
    where TKey : notnull
{
    private readonly string name;
    private readonly Shard shard;
    private readonly Func<TKey, string> shardKeyOf;
    private readonly ILogger logger;
    private readonly WorkQueue<TKey> queue;
    private readonly List<Func<IDisposable>> subscriptions = [];
    private readonly List<ISharedInformer> informers = [];
    private Func<IEnumerable<TKey>> allKeys = () => [];

    /// <param name="reconcile">One pass over a key: returns when to look again if time alone will change the answer.</param>
    /// <param name="shardKeyOf">The namespace or name that decides a key's slice.</param>
    public Controller(
        string name, Shard shard, Func<TKey, string> shardKeyOf, Func<TKey, CancellationToken, Task<TimeSpan?>> reconcile,
        WorkQueueOptions options, TimeProvider time, ILogger logger)
    {
        this.name = name;
        this.shard = shard;
        this.shardKeyOf = shardKeyOf;
        this.logger = logger;
        queue = new WorkQueue<TKey>(reconcile, options, time, (key, e) => LogPassFailed(logger, name, key.ToString() ?? "", e.Message));
    }

    /// <summary>Passes completed so far (for tests and diagnostics).</summary>
    public long Completed => queue.Completed;

    /// <summary>Maps every event of <paramref name="informer"/> to the keys to look at.</summary>
    public Controller<TKey> Watch<T>(SharedInformer<T> informer, Func<InformerEvent<T>, IEnumerable<TKey>> keysOf)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        informers.Add(informer);
        subscriptions.Add(() => informer.Subscribe(e =>
        {
            foreach (var key in keysOf(e))
            {
                Enqueue(key);
            }
        }));
        return this;
    }

    /// <summary>The keys a resync looks at (typically every object of the controller's root kind).</summary>
    public Controller<TKey> ResyncWith(Func<IEnumerable<TKey>> keys)
    {
        allKeys = keys;
        return this;
    }

    public void Enqueue(TKey key)
    {
        if (shard.Owns(shardKeyOf(key)))
        {
            queue.Enqueue(key);
        }
    }

    public void Resync()
    {
        if (informers.All(i => i.Synced.IsCompletedSuccessfully))
        {
            foreach (var key in allKeys())
            {
                Enqueue(key);
            }
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.WhenAll(informers.Select(i => i.Synced)).WaitAsync(ct);
        LogStarted(logger, name, shard.ToString());
        var subscribed = subscriptions.Select(subscribe => subscribe()).ToList();
        try
        {
            await queue.RunAsync(ct);
        }
        finally
        {
            subscribed.ForEach(s => s.Dispose());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Name} {Shard}: caches synced; reconciling")]
    private static partial void LogStarted(ILogger logger, string name, string shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Name}: {Key} will be retried: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string name, string key, string reason);
}
