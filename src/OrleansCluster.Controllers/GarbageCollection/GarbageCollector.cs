using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api.Events;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Controllers.GarbageCollection;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.GarbageCollection;

/// <summary>
/// kube-controller-manager's garbage collector. It watches every kind it collects and looks at an object when it, an
/// owner or a dependent of it changes: an object whose owners are all gone is deleted (its own finalizer, if any,
/// decides how); references to gone owners are dropped from an object that still has a live one; an owner marked
/// with <c>orphan</c> has its reference removed from each dependent, then the finalizer; an owner marked with
/// <c>foregroundDeletion</c> has its dependents deleted, and its finalizer goes once no dependent with
/// <c>blockOwnerDeletion</c> remains. The informers only say where to look: whether an owner is gone is decided by a
/// live read through its object grain, and every write is guarded by the object's uid and resourceVersion.
/// </summary>
public sealed partial class GarbageCollector
{
    public const string Name = "garbage-collector";

    /// <summary>How long a pass waits for the informers to reach an owner's revision before trusting what they hold.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyDictionary<string, IKindView> kinds;
    private readonly IClusterClient cluster;
    private readonly EventRecorder events;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    private GarbageCollector(ControllerContext context)
    {
        kinds = ResourceTypes.All.Where(DeletionPropagation.Collects)
            .ToDictionary(t => t.QualifiedPlural, t => KindViews.For(context.Informers, t), StringComparer.Ordinal);
        cluster = context.Cluster;
        events = context.Events("garbage-collector-controller");
        time = context.Time;
        logger = context.Loggers.CreateLogger("Controllers.garbage-collector");
    }

    public static ControllerDefinition Definition(Func<IServiceProvider, ControllerContext> context, int shards) =>
        new(Name, shards, (services, shard) => Create(context(services), shard));

    /// <summary>One slice of the collector (the hosts run it through <see cref="Definition"/>; tests may run one directly).</summary>
    public static IController Create(ControllerContext context, Shard shard)
    {
        var collector = new GarbageCollector(context);
        var controller = new Controller<CollectorKey>(
            Name, shard, key => key.ShardKey, collector.ReconcileAsync, context.Queue, context.Time, collector.logger);
        foreach (var kind in collector.kinds.Values)
        {
            kind.Feed(controller, collector.KeysOf);
        }

        return controller.ResyncWith(collector.Candidates);
    }

    /// <summary>
    /// The objects an event concerns: the object itself (when it has owners or a collector finalizer), its dependents
    /// when it is gone or deleting in the foreground, and its owners that wait on their dependents.
    /// </summary>
    private IEnumerable<CollectorKey> KeysOf(ResourceType type, InformerEvent<IKubernetesObject<V1ObjectMeta>> e)
    {
        var obj = e.Object;
        var keys = new HashSet<CollectorKey>();
        if (e.Type != ChangeType.Deleted && IsCandidate(obj))
        {
            keys.Add(CollectorKey.Of(type, obj));
        }

        if (e.Type == ChangeType.Deleted || DeletionPropagation.IsDeletingDependents(obj.Metadata))
        {
            keys.UnionWith(DependentsOf(obj.Metadata.Uid).Select(d => CollectorKey.Of(d.Type, d.Object)));
        }

        foreach (var reference in new[] { e.Old, e.New }.SelectMany(o => o?.Metadata.OwnerReferences ?? []))
        {
            if (CachedOwner(obj, reference) is { } found && DeletionPropagation.IsDeletingDependents(found.Owner.Metadata))
            {
                keys.Add(CollectorKey.Of(found.Type, found.Owner));
            }
        }

        return keys;
    }

    /// <summary>What a resync looks at: every object with owners or a collector finalizer.</summary>
    private IEnumerable<CollectorKey> Candidates() =>
        kinds.Values.SelectMany(k => k.List().Where(IsCandidate).Select(o => CollectorKey.Of(k.Type, o)));

    private static bool IsCandidate(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.OwnerReferences is { Count: > 0 }
        || DeletionPropagation.IsOrphaning(obj.Metadata) || DeletionPropagation.IsDeletingDependents(obj.Metadata);

    private async Task<TimeSpan?> ReconcileAsync(CollectorKey key, CancellationToken ct)
    {
        if (!kinds.TryGetValue(key.Resource, out var kind) || kind.Get(key.Namespace, key.Name) is not { } cached)
        {
            return null; // Gone: the deletion event brought its dependents here already.
        }

        var meta = cached.Metadata;
        if (DeletionPropagation.IsOrphaning(meta) || DeletionPropagation.IsDeletingDependents(meta))
        {
            await ProcessOwnerAsync(kind.Type, cached, ct);
            return null;
        }

        if (meta.DeletionTimestamp is not null || meta.OwnerReferences is not { Count: > 0 } || AllOwnersLiveInCache(cached))
        {
            return null;
        }

        // Some owner looks gone or waiting: decide on what the grains say now, not on the informers.
        if (await ReadAsync(kind.Type, key.Namespace, key.Name) is not { } latest || latest.Metadata.Uid != meta.Uid)
        {
            return null;
        }

        await ProcessDependentAsync(kind.Type, latest);
        return null;
    }

    /// <summary>Every owner is in the informers with the referenced uid and not deleting in the foreground.</summary>
    private bool AllOwnersLiveInCache(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.OwnerReferences.All(r =>
            CachedOwner(obj, r) is { } found && !DeletionPropagation.IsDeletingDependents(found.Owner.Metadata));

    /// <summary>The owner <paramref name="reference"/> names as the informers hold it (same uid), if its kind is watched.</summary>
    private (ResourceType Type, IKubernetesObject<V1ObjectMeta> Owner)? CachedOwner(IKubernetesObject<V1ObjectMeta> dependent, V1OwnerReference reference)
    {
        if (Resolve(reference) is not { } type || !kinds.TryGetValue(type.QualifiedPlural, out var kind))
        {
            return null;
        }

        var owner = kind.Get(type.Namespaced ? dependent.Metadata.NamespaceProperty : null, reference.Name);
        return owner is not null && owner.Metadata.Uid == reference.Uid ? (type, owner) : null;
    }

    /// <summary>Every cached object, of any kind, that names <paramref name="uid"/> as an owner.</summary>
    private List<(ResourceType Type, IKubernetesObject<V1ObjectMeta> Object)> DependentsOf(string uid) =>
        kinds.Values.SelectMany(k => k.OwnedBy(uid).Select(o => (k.Type, o))).ToList();

    /// <summary>The kind an owner reference names, when the cluster serves that apiVersion and kind.</summary>
    private static ResourceType? Resolve(V1OwnerReference reference) =>
        ResourceTypes.FindByKind(reference.Kind) is { } type && type.ApiVersion == reference.ApiVersion ? type : null;

    private async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ResourceType type, string? ns, string name) =>
        await Grain(type, ns, name).Get() is { } json ? ModelCodec.Parse(type, json) : null;

    private IObjectGrain Grain(ResourceType type, string? ns, string name) =>
        cluster.GetGrain<IObjectGrain>(type.ObjectKey(type.Namespaced ? ns : null, name));

    private async Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message)
    {
        try
        {
            await events.RecordAsync(obj, type, reason, message);
        }
        catch (Exception e)
        {
            LogEventFailed(logger, e, reason);
        }
    }
}
