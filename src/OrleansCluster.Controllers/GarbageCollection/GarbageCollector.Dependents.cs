using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api.Events;
using OrleansCluster.Core.Controllers.GarbageCollection;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.GarbageCollection;

/// <summary>An object with owners: collect it when none is left, drop references to owners that are gone.</summary>
public sealed partial class GarbageCollector
{
    /// <param name="latest">The object as its grain answered it just now.</param>
    private async Task ProcessDependentAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> latest)
    {
        var owners = new List<OwnerLookup>();
        foreach (var reference in latest.Metadata.OwnerReferences ?? [])
        {
            owners.Add(await LookUpAsync(type, latest, reference));
        }

        var dependents = DependentsOf(latest.Metadata.Uid).Select(d => d.Object.Metadata).ToList();
        switch (GarbageCollectionPlanner.PlanDependent(latest.Metadata, owners, dependents))
        {
            case DependentAction.RemoveReferences remove:
                var kept = ModelCodec.Clone(type, latest);
                kept.Metadata.OwnerReferences = NullIfEmpty(GarbageCollectionPlanner.WithoutOwners(kept.Metadata.OwnerReferences, remove.OwnerUids));
                await UpdateAsync(type, kept);
                LogReferencesRemoved(logger, Describe(type, latest), string.Join(", ", remove.OwnerUids));
                break;
            case DependentAction.Delete delete:
                await DeleteAsync(type, delete.Unblock ? await UnblockAsync(type, latest) : latest, delete.Policy);
                break;
            case DependentAction.LeaveAlone leave:
                foreach (var owner in leave.Unresolvable)
                {
                    LogUnresolvable(logger, Describe(type, latest), owner.Reference.ApiVersion, owner.Reference.Kind, owner.Reference.Name, owner.Why ?? "");
                }

                break;
        }
    }

    /// <summary>Follows one owner reference with a live read of the owner's grain (Kubernetes' <c>isDangling</c>).</summary>
    private async Task<OwnerLookup> LookUpAsync(ResourceType dependentType, IKubernetesObject<V1ObjectMeta> dependent, V1OwnerReference reference)
    {
        if (Resolve(reference) is not { } type)
        {
            return new OwnerLookup(reference, OwnerState.Unresolvable, $"the cluster serves no kind {reference.Kind} in {reference.ApiVersion}");
        }

        if (type.Namespaced && !dependentType.Namespaced)
        {
            return new OwnerLookup(reference, OwnerState.Unresolvable, "a cluster-scoped object cannot be owned by a namespaced one");
        }

        var ns = dependent.Metadata.NamespaceProperty;
        var owner = await ReadAsync(type, ns, reference.Name);
        if (owner is null || owner.Metadata.Uid != reference.Uid)
        {
            await ReportElsewhereAsync(type, dependent, reference);
            return new OwnerLookup(reference, OwnerState.Dangling);
        }

        return new OwnerLookup(reference, DeletionPropagation.IsDeletingDependents(owner.Metadata) ? OwnerState.WaitingForDependents : OwnerState.Solid);
    }

    /// <summary>
    /// An owner with that uid exists, but in another namespace: references never cross namespaces, so the dependent is
    /// collected, and Kubernetes says why on it.
    /// </summary>
    private async Task ReportElsewhereAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> dependent, V1OwnerReference reference)
    {
        var ns = dependent.Metadata.NamespaceProperty;
        if (type.Namespaced && kinds.TryGetValue(type.QualifiedPlural, out var kind)
            && kind.List().Any(o => o.Metadata.Uid == reference.Uid && o.Metadata.NamespaceProperty != ns))
        {
            await RecordAsync(dependent, EventRecorder.Warning, "OwnerRefInvalidNamespace",
                $"ownerRef [{reference.ApiVersion}/{reference.Kind}, namespace: {ns}, name: {reference.Name}, uid: {reference.Uid}] does not exist in namespace \"{ns}\"");
        }
    }

    /// <summary>Clears <c>blockOwnerDeletion</c> on every reference of <paramref name="obj"/>; answers it as stored.</summary>
    private async Task<IKubernetesObject<V1ObjectMeta>> UnblockAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        var unblocked = ModelCodec.Clone(type, obj);
        foreach (var reference in unblocked.Metadata.OwnerReferences ?? [])
        {
            reference.BlockOwnerDeletion = reference.BlockOwnerDeletion == true ? false : reference.BlockOwnerDeletion;
        }

        return await UpdateAsync(type, unblocked) ?? obj;
    }

    /// <summary>Deletes the object as it was read (uid and resourceVersion preconditions): changed since, the pass runs again.</summary>
    private async Task DeleteAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> obj, string policy)
    {
        var meta = obj.Metadata;
        LogDeleting(logger, Describe(type, obj), policy);
        try
        {
            await Grain(type, meta.NamespaceProperty, meta.Name).Delete(new DeleteRequest
            {
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
                PropagationPolicy = policy,
            });
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Gone already.
        }
    }

    /// <summary>Writes <paramref name="obj"/> (guarded by its resourceVersion); null when it is gone. A conflict throws, so the pass is retried.</summary>
    private async Task<IKubernetesObject<V1ObjectMeta>?> UpdateAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        try
        {
            return ModelCodec.Parse(type, await Grain(type, obj.Metadata.NamespaceProperty, obj.Metadata.Name).Update(ModelCodec.Write(obj)));
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return null;
        }
    }

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;

    private static string Describe(ResourceType type, IKubernetesObject<V1ObjectMeta> obj) =>
        CollectorKey.Of(type, obj).ToString();
}
