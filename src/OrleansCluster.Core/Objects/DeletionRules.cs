using k8s;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Objects;

/// <summary>What a delete does to an object: remove it now, or mark it and wait.</summary>
public abstract record DeletionDecision
{
    private DeletionDecision()
    {
    }

    /// <summary>Nothing holds the object: remove it.</summary>
    public sealed record RemoveNow : DeletionDecision;

    /// <summary>
    /// Finalizers or a grace period hold the object: set <c>deletionTimestamp</c> (and the grace period) and keep it
    /// until they are done.
    /// </summary>
    public sealed record Mark(DateTime DeletionTimestamp, long GracePeriodSeconds) : DeletionDecision;
}

/// <summary>Kubernetes' graceful deletion, as a pure decision over the object, the request and the time.</summary>
public static class DeletionRules
{
    /// <summary>The finalizers that hold a namespace (its <c>spec.finalizers</c>, emptied by the namespace controller).</summary>
    public const string NamespaceFinalizer = "kubernetes";

    /// <summary>Decides the delete of <paramref name="obj"/> with the requested grace (null: the object's default).</summary>
    public static DeletionDecision Decide(
        ResourceType type, IKubernetesObject<V1ObjectMeta> obj, long? requestedGrace, DateTime now)
    {
        var meta = obj.Metadata;
        var grace = Math.Max(0, requestedGrace ?? DefaultGrace(obj));
        if (meta.DeletionTimestamp is { } already)
        {
            // A second delete may only shorten the wait; finalizers still hold the object.
            var shortened = now.AddSeconds(grace);
            return HasFinalizers(obj) || (grace > 0 && IsGraceful(obj))
                ? new DeletionDecision.Mark(shortened < already ? shortened : already,
                    Math.Min(grace, meta.DeletionGracePeriodSeconds ?? grace))
                : new DeletionDecision.RemoveNow();
        }

        if (grace > 0 && IsGraceful(obj))
        {
            return new DeletionDecision.Mark(now.AddSeconds(grace), grace);
        }

        return HasFinalizers(obj) ? new DeletionDecision.Mark(now, 0) : new DeletionDecision.RemoveNow();
    }

    /// <summary>
    /// An object marked for deletion whose finalizers are all gone is removed, unless it is a pod still waiting out its
    /// grace period (one whose final delete, grace 0, came while finalizers held it goes with them, as in Kubernetes).
    /// </summary>
    public static bool ReadyToRemove(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.DeletionTimestamp is not null && !HasFinalizers(obj)
        && (!IsGraceful(obj) || obj.Metadata.DeletionGracePeriodSeconds is null or 0);

    public static bool HasFinalizers(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Finalizers is { Count: > 0 }
        || (obj is V1Namespace ns && ns.Spec?.Finalizers is { Count: > 0 });

    /// <summary>
    /// A pod running on a node waits for its node agent to stop it; unscheduled and finished pods go at once.
    /// </summary>
    private static bool IsGraceful(IKubernetesObject<V1ObjectMeta> obj) =>
        obj is V1Pod { Spec.NodeName: { Length: > 0 } } pod
        && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private static long DefaultGrace(IKubernetesObject<V1ObjectMeta> obj) =>
        obj is V1Pod pod ? pod.Spec?.TerminationGracePeriodSeconds ?? 30 : 0;
}
