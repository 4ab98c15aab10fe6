using k8s.Models;

namespace OrleansCluster.Core.Controllers.GarbageCollection;

/// <summary>What the collector found at the other end of one owner reference (by a live read, not a cache).</summary>
public enum OwnerState
{
    /// <summary>The owner exists with the referenced uid.</summary>
    Solid,

    /// <summary>No object of that name, or one with another uid: the owner is gone.</summary>
    Dangling,

    /// <summary>The owner exists and is being deleted in the foreground: it waits for its dependents to go.</summary>
    WaitingForDependents,

    /// <summary>The reference cannot be followed (a kind the cluster does not serve, a namespaced owner of a
    /// cluster-scoped object): Kubernetes leaves the dependent alone and reports it.</summary>
    Unresolvable,
}

/// <summary>One owner reference of a dependent and what was found there; <paramref name="Why"/> explains an unresolvable one.</summary>
public sealed record OwnerLookup(V1OwnerReference Reference, OwnerState State, string? Why = null);

/// <summary>What the collector does to an object that has owner references.</summary>
public abstract record DependentAction
{
    private DependentAction()
    {
    }

    /// <summary>Nothing: it has a live owner, no owners, or is being deleted already.</summary>
    public sealed record None : DependentAction;

    /// <summary>
    /// It keeps a live owner, but also refers to owners that are gone or deleting in the foreground: those references
    /// (by uid) are removed, so it neither points at nothing nor holds a deleting owner back.
    /// </summary>
    public sealed record RemoveReferences(IReadOnlyList<string> OwnerUids) : DependentAction;

    /// <summary>
    /// No owner is left: delete it with <paramref name="Policy"/>. <paramref name="Unblock"/>: first clear
    /// <c>blockOwnerDeletion</c> on its references, because one of its own dependents is also deleting in the
    /// foreground and waiting on each other would never end.
    /// </summary>
    public sealed record Delete(string Policy, bool Unblock) : DependentAction;

    /// <summary>A reference cannot be followed; the object is left as it is.</summary>
    public sealed record LeaveAlone(IReadOnlyList<OwnerLookup> Unresolvable) : DependentAction;
}

/// <summary>What the collector does to an owner marked for deletion with one of its finalizers.</summary>
public abstract record OwnerAction
{
    private OwnerAction()
    {
    }

    /// <summary>Not the collector's business: not marked, or no collector finalizer.</summary>
    public sealed record None : OwnerAction;

    /// <summary>Remove the owner's reference from each of these dependents (by uid), then the <c>orphan</c> finalizer.</summary>
    public sealed record Orphan(IReadOnlyList<string> DependentUids) : OwnerAction;

    /// <summary>Dependents remain that block the owner's deletion: delete these (those not themselves deleting their
    /// own dependents) and look again when they are gone.</summary>
    public sealed record DeleteDependents(IReadOnlyList<string> DependentUids) : OwnerAction;

    /// <summary>Nothing holds the owner any more: remove <paramref name="Finalizer"/>, so it goes.</summary>
    public sealed record RemoveFinalizer(string Finalizer) : OwnerAction;
}

/// <summary>
/// Kubernetes' garbage collector as pure decisions (its <c>attemptToDeleteItem</c>, <c>processDeletingDependentsItem</c>
/// and orphaning), over an object, what its owner references lead to, and its own dependents.
/// </summary>
public static class GarbageCollectionPlanner
{
    /// <param name="item">The object as read just now.</param>
    /// <param name="owners">Each of its owner references and what a live read found there.</param>
    /// <param name="dependents">The objects that name <paramref name="item"/> as an owner.</param>
    public static DependentAction PlanDependent(V1ObjectMeta item, IReadOnlyList<OwnerLookup> owners, IReadOnlyList<V1ObjectMeta> dependents)
    {
        if (item.DeletionTimestamp is not null || owners.Count == 0)
        {
            // Being deleted is a one-way trip: its dependents are looked at once it is gone.
            return new DependentAction.None();
        }

        var unresolvable = owners.Where(o => o.State == OwnerState.Unresolvable).ToList();
        if (unresolvable.Count > 0)
        {
            return new DependentAction.LeaveAlone(unresolvable);
        }

        var solid = owners.Any(o => o.State == OwnerState.Solid);
        var waiting = owners.Any(o => o.State == OwnerState.WaitingForDependents);
        if (solid)
        {
            var stale = owners.Where(o => o.State != OwnerState.Solid).Select(o => o.Reference.Uid).ToList();
            return stale.Count == 0 ? new DependentAction.None() : new DependentAction.RemoveReferences(stale);
        }

        if (waiting && dependents.Count > 0)
        {
            // An owner waits for it, and it has dependents of its own: delete it in the foreground too, so the wait
            // covers the whole chain. If one of those is already deleting its own dependents, a cycle may hold both
            // forever, so this object stops blocking its owners first.
            return new DependentAction.Delete(DeletionPropagation.Foreground, dependents.Any(DeletionPropagation.IsDeletingDependents));
        }

        // No owner left (and none waits with dependents of ours to cascade): collect it, honouring a finalizer it has.
        var policy = item.Finalizers?.Contains(DeletionPropagation.OrphanFinalizer) == true ? DeletionPropagation.Orphan
            : item.Finalizers?.Contains(DeletionPropagation.ForegroundFinalizer) == true ? DeletionPropagation.Foreground
            : DeletionPropagation.Background;
        return new DependentAction.Delete(policy, Unblock: false);
    }

    /// <param name="owner">The owner as read just now.</param>
    /// <param name="dependents">Every object that names <paramref name="owner"/> as an owner.</param>
    public static OwnerAction PlanOwner(V1ObjectMeta owner, IReadOnlyList<V1ObjectMeta> dependents)
    {
        if (DeletionPropagation.IsOrphaning(owner))
        {
            return new OwnerAction.Orphan(dependents.Select(d => d.Uid).ToList());
        }

        if (!DeletionPropagation.IsDeletingDependents(owner))
        {
            return new OwnerAction.None();
        }

        var blocking = dependents.Where(d => d.OwnerReferences?.Any(r => r.Uid == owner.Uid && r.BlockOwnerDeletion == true) == true).ToList();
        if (blocking.Count == 0)
        {
            return new OwnerAction.RemoveFinalizer(DeletionPropagation.ForegroundFinalizer);
        }

        return new OwnerAction.DeleteDependents(
            blocking.Where(d => !DeletionPropagation.IsDeletingDependents(d)).Select(d => d.Uid).ToList());
    }

    /// <summary>The finalizers without <paramref name="finalizer"/>.</summary>
    public static List<string> Without(IList<string>? finalizers, string finalizer) =>
        (finalizers ?? []).Where(f => f != finalizer).ToList();

    /// <summary>The owner references without those to <paramref name="uids"/>.</summary>
    public static List<V1OwnerReference> WithoutOwners(IList<V1OwnerReference>? references, IReadOnlyCollection<string> uids) =>
        (references ?? []).Where(r => !uids.Contains(r.Uid)).ToList();
}
