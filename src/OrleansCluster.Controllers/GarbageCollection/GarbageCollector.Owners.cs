using k8s;
using k8s.Models;
using OrleansCluster.Core.Controllers.GarbageCollection;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.GarbageCollection;

/// <summary>An owner marked for deletion with <c>orphan</c> or <c>foregroundDeletion</c>: the collector's side of it.</summary>
public sealed partial class GarbageCollector
{
    private async Task ProcessOwnerAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached, CancellationToken ct)
    {
        // Every dependent made before the owner was marked is in the informers once they reach the mark's revision.
        await CatchUpAsync(Controllers.Revisions.Of(cached), ct);
        var meta = cached.Metadata;
        if (await ReadAsync(type, meta.NamespaceProperty, meta.Name) is not { } owner || owner.Metadata.Uid != meta.Uid)
        {
            return;
        }

        var uid = owner.Metadata.Uid;
        var dependents = DependentsOf(uid);
        switch (GarbageCollectionPlanner.PlanOwner(owner.Metadata, dependents.Select(d => d.Object.Metadata).ToList()))
        {
            case OwnerAction.Orphan:
                foreach (var (dependentType, dependent) in dependents)
                {
                    await OrphanAsync(dependentType, dependent, uid);
                }

                await RemoveFinalizerAsync(type, owner, DeletionPropagation.OrphanFinalizer);
                break;
            case OwnerAction.DeleteDependents delete:
                // Their deletions bring the owner back here; it goes once no blocking dependent is left.
                var uids = delete.DependentUids.ToHashSet(StringComparer.Ordinal);
                await Task.WhenAll(dependents.Where(d => uids.Contains(d.Object.Metadata.Uid)).Select(d => CollectAsync(d.Type, d.Object)));
                break;
            case OwnerAction.RemoveFinalizer remove:
                await RemoveFinalizerAsync(type, owner, remove.Finalizer);
                break;
        }
    }

    /// <summary>A dependent of an owner deleting in the foreground, judged on a fresh read like any other.</summary>
    private async Task CollectAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached)
    {
        var meta = cached.Metadata;
        if (await ReadAsync(type, meta.NamespaceProperty, meta.Name) is { } latest && latest.Metadata.Uid == meta.Uid)
        {
            await ProcessDependentAsync(type, latest);
        }
    }

    /// <summary>Removes the reference to <paramref name="ownerUid"/> from a dependent, as it is now.</summary>
    private async Task OrphanAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached, string ownerUid)
    {
        var meta = cached.Metadata;
        if (await ReadAsync(type, meta.NamespaceProperty, meta.Name) is not { } latest || latest.Metadata.Uid != meta.Uid
            || latest.Metadata.OwnerReferences?.Any(r => r.Uid == ownerUid) != true)
        {
            return;
        }

        latest.Metadata.OwnerReferences = NullIfEmpty(GarbageCollectionPlanner.WithoutOwners(latest.Metadata.OwnerReferences, [ownerUid]));
        await UpdateAsync(type, latest);
        LogOrphaned(logger, Describe(type, latest), ownerUid);
    }

    /// <summary>Removes the collector's finalizer; the object grain removes the owner when nothing else holds it.</summary>
    private async Task RemoveFinalizerAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> owner, string finalizer)
    {
        owner.Metadata.Finalizers = NullIfEmpty(GarbageCollectionPlanner.Without(owner.Metadata.Finalizers, finalizer));
        await UpdateAsync(type, owner);
        LogFinalized(logger, Describe(type, owner), finalizer);
    }

    private async Task CatchUpAsync(long revision, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(kinds.Values.Select(k => k.WaitForRevisionAsync(revision, ct))).WaitAsync(CatchUpLimit, time, ct);
        }
        catch (TimeoutException)
        {
            LogBehind(logger, revision);
        }
    }
}
