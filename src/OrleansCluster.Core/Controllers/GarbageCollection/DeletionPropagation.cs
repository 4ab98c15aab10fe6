using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Controllers.GarbageCollection;

/// <summary>
/// What a delete's <c>propagationPolicy</c> does to the object, as the Kubernetes API server decides it: Orphan puts
/// the <c>orphan</c> finalizer on it, Foreground the <c>foregroundDeletion</c> finalizer, Background neither (the
/// object goes at once); the garbage collector then works off the finalizer. An explicit policy replaces whichever of
/// the two the object carries; without one, a finalizer already there stands, else the kind's default applies.
/// </summary>
public static class DeletionPropagation
{
    public const string Orphan = "Orphan";
    public const string Background = "Background";
    public const string Foreground = "Foreground";

    /// <summary>The collector removes the owner's reference from its dependents, then this finalizer.</summary>
    public const string OrphanFinalizer = "orphan";

    /// <summary>The collector deletes the dependents (blocking ones hold the owner), then removes this finalizer.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    public static readonly IReadOnlyList<string> Policies = [Orphan, Background, Foreground];

    /// <summary>
    /// Whether the garbage collector looks after <paramref name="type"/>: every kind but events, which Kubernetes'
    /// collector ignores and whose strategy answers <c>Unsupported</c> (their deletes take no finalizers).
    /// </summary>
    public static bool Collects(ResourceType type) => !(type.Group.Length == 0 && type.Kind == "Event");

    /// <summary>
    /// The policy of a delete that names none (the registry strategies' <c>DefaultGarbageCollectionPolicy</c> in
    /// Kubernetes 1.32): a v1 ReplicationController orphans its pods, for compatibility with clusters before the
    /// collector; every other kind (apps/v1 ReplicaSet and Deployment, pods, …) deletes its dependents in the background.
    /// </summary>
    public static string DefaultPolicy(ResourceType type) =>
        type is { Group: "", Version: "v1", Kind: "ReplicationController" } ? Orphan : Background;

    /// <summary>
    /// The finalizers the object has after a delete with <paramref name="policy"/> (null: none named), or null when
    /// they stay as they are (Kubernetes' <c>deletionFinalizersForGarbageCollection</c>).
    /// </summary>
    public static List<string>? FinalizersAfterDelete(ResourceType type, IList<string>? finalizers, string? policy)
    {
        if (!Collects(type))
        {
            return null;
        }

        var current = finalizers ?? [];
        var standing = current.FirstOrDefault(f => f is OrphanFinalizer or ForegroundFinalizer);
        var effective = policy ?? standing switch
        {
            OrphanFinalizer => Orphan,
            ForegroundFinalizer => Foreground,
            _ => DefaultPolicy(type),
        };
        var wanted = current.Where(f => f is not (OrphanFinalizer or ForegroundFinalizer)).ToList();
        switch (effective)
        {
            case Orphan:
                wanted.Add(OrphanFinalizer);
                break;
            case Foreground:
                wanted.Add(ForegroundFinalizer);
                break;
        }

        return wanted.ToHashSet(StringComparer.Ordinal).SetEquals(current) ? null : wanted;
    }

    public static bool IsOrphaning(k8s.Models.V1ObjectMeta meta) =>
        meta.DeletionTimestamp is not null && meta.Finalizers?.Contains(OrphanFinalizer) == true;

    /// <summary>Marked for deletion and waiting for its dependents to go first (Kubernetes' "deleting dependents").</summary>
    public static bool IsDeletingDependents(k8s.Models.V1ObjectMeta meta) =>
        meta.DeletionTimestamp is not null && meta.Finalizers?.Contains(ForegroundFinalizer) == true;
}
