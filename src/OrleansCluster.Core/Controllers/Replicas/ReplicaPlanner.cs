using k8s.Models;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>
/// The replica controllers' reconcile, as a pure function of the owner, the pods of its namespace and the time:
/// <list type="number">
/// <item>Claim: an active pod the selector matches and no controller owns is adopted; a pod the owner controls whose
/// labels stopped matching is released; pods controlled by others are not looked at. An owner being deleted claims
/// nothing new and releases nothing.</item>
/// <item>Count the owned active pods (not finished, not being deleted) against <c>replicas</c>: create the missing
/// ones under deterministic names (<see cref="PodNames"/>) or delete the surplus, most expendable first
/// (<see cref="PodDeletionOrder"/>), at most <see cref="Burst"/> per pass, as Kubernetes.</item>
/// <item>Status from the same pods; a look again when a ready pod will pass <c>minReadySeconds</c>.</item>
/// </list>
/// </summary>
public static class ReplicaPlanner
{
    /// <summary>Kubernetes' burstReplicas: at most this many creates or deletes in one pass.</summary>
    public const int Burst = 500;

    /// <param name="pods">Every pod of the owner's namespace the caller knows of (its informer's view).</param>
    public static ReplicaPlan Plan(ReplicaOwner owner, IReadOnlyCollection<V1Pod> pods, DateTime now)
    {
        var adopt = new List<V1Pod>();
        var release = new List<V1Pod>();
        var owned = new List<V1Pod>();
        foreach (var pod in pods)
        {
            var controller = OwnerReferences.ControllerOf(pod.Metadata);
            var matches = owner.Selector.Matches(Labels(pod));
            if (controller is not null)
            {
                if (controller.Uid != owner.Uid)
                {
                    continue;
                }

                if (matches || owner.Deleting)
                {
                    owned.Add(pod);
                }
                else
                {
                    release.Add(pod);
                }
            }
            else if (matches && !owner.Deleting && pod.Metadata?.DeletionTimestamp is null
                     && pod.Metadata?.NamespaceProperty == owner.Namespace)
            {
                adopt.Add(pod);
                owned.Add(pod);
            }
        }

        var active = owned.Where(PodConditions.IsActive).ToList();
        var create = new List<V1Pod>();
        var delete = new List<PodToDelete>();
        if (!owner.Deleting)
        {
            var diff = active.Count - owner.Replicas;
            if (diff < 0)
            {
                var taken = pods.Select(p => p.Metadata?.Name ?? "").ToHashSet(StringComparer.Ordinal);
                create.AddRange(PodNames.Free(owner.Name, owner.Uid, Math.Min(-diff, Burst), taken).Select(name => NewPod(owner, name)));
            }
            else if (diff > 0)
            {
                delete.AddRange(PodDeletionOrder.PickVictims(active, Math.Min(diff, Burst), now)
                    .Select(p => new PodToDelete(p.Metadata.Name, p.Metadata.Uid)));
            }
        }

        return new ReplicaPlan(adopt, release, create, delete, Status(owner, active, now), NextAvailability(owner, active, now));
    }

    /// <summary>The pod the owner's template describes, named <paramref name="name"/> and controlled by the owner.</summary>
    public static V1Pod NewPod(ReplicaOwner owner, string name)
    {
        var template = owner.Template;
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = owner.Namespace,
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                Finalizers = template.Metadata?.Finalizers?.ToList(),
                OwnerReferences = [owner.ControllerReference],
            },
            Spec = Objects.ModelCodec.CloneModel(template.Spec ?? new V1PodSpec()),
        };
    }

    private static ReplicaStatus Status(ReplicaOwner owner, List<V1Pod> active, DateTime now)
    {
        var templateLabels = owner.Template.Metadata?.Labels ?? new Dictionary<string, string>();
        return new ReplicaStatus(
            Replicas: active.Count,
            FullyLabeledReplicas: active.Count(p => templateLabels.All(l => Labels(p).TryGetValue(l.Key, out var v) && v == l.Value)),
            ReadyReplicas: active.Count(PodConditions.IsReady),
            AvailableReplicas: active.Count(p => PodConditions.IsAvailable(p, owner.MinReadySeconds, now)),
            ObservedGeneration: owner.Generation);
    }

    /// <summary>How long until the first ready pod that is not yet available becomes so.</summary>
    private static TimeSpan? NextAvailability(ReplicaOwner owner, List<V1Pod> active, DateTime now)
    {
        if (owner.MinReadySeconds == 0)
        {
            return null;
        }

        var waits = active
            .Where(p => PodConditions.IsReady(p) && !PodConditions.IsAvailable(p, owner.MinReadySeconds, now))
            .Select(p => (PodConditions.ReadySince(p) ?? now).AddSeconds(owner.MinReadySeconds) - now)
            .Select(w => w < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : w)
            .ToList();
        return waits.Count == 0 ? null : waits.Min();
    }

    private static IReadOnlyDictionary<string, string> Labels(V1Pod pod) =>
        pod.Metadata?.Labels as IReadOnlyDictionary<string, string>
        ?? (pod.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : EmptyLabels);

    private static readonly Dictionary<string, string> EmptyLabels = new(StringComparer.Ordinal);
}
