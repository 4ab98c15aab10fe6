using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// The deployment controller's reconcile, as a pure function of the Deployment, the ReplicaSets and pods of its
/// namespace (the informers' view) and the time:
/// <list type="number">
/// <item>Claim: a ReplicaSet the selector matches and nobody controls is adopted; one the Deployment controls whose
/// labels stopped matching is released.</item>
/// <item>The new ReplicaSet is the oldest one whose template equals the Deployment's (pod-template-hash set aside);
/// the others are old. One step of the rollout (<see cref="RolloutPass"/>).</item>
/// <item>Status from the ReplicaSets' own counts; Available and Progressing (<see cref="DeploymentConditions"/>); the
/// new ReplicaSet marked fully available once the rollout completes; history past <c>revisionHistoryLimit</c>
/// deleted once a rollout is done.</item>
/// <item>Our addition (opt-in by <see cref="RollbackOnDeadline"/>): a rollout that missed its progress deadline, of a
/// template never fully available, returns to the newest revision that was.</item>
/// </list>
/// </summary>
public static class DeploymentPlanner
{
    /// <summary>The annotation that asks for an automatic rollback when a rollout misses its progress deadline.</summary>
    public const string RollbackOnDeadline = "orleanscluster.io/rollback-on-progress-deadline";

    /// <exception cref="FormatException">for a maxSurge or maxUnavailable validation would have refused.</exception>
    public static DeploymentPlan Plan(
        V1Deployment deployment, IReadOnlyCollection<V1ReplicaSet> replicaSets, IReadOnlyCollection<V1Pod> pods, DateTime now)
    {
        var spec = DeploymentSpecView.Of(deployment);
        var (sets, release) = Claim(spec, replicaSets);
        var newSet = sets.Where(s => PodTemplateHash.SameTemplate(s.Copy.Spec.Template ?? new V1PodTemplateSpec(), spec.Template))
            .OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault();
        var old = sets.Where(s => s != newSet).OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var pass = new RolloutPass(deployment, spec, newSet, old, replicaSets, pods, now);
        pass.Run();

        var all = pass.Created is null ? sets : [.. sets, pass.Created];
        var after = new RolloutCounts(
            all.Sum(s => s.StatusReplicas), pass.NewSet?.StatusReplicas ?? 0, all.Sum(s => s.ReadyReplicas), all.Sum(s => s.AvailableReplicas));
        var (conditions, again) = DeploymentConditions.Compute(
            [.. pass.Conditions], Counts(deployment.Status), after, spec.Replicas, spec.Limits, pass.NewSet?.Name ?? "",
            spec.ProgressDeadlineSeconds, spec.Paused, observedCurrent: true, now);

        var complete = conditions.Any(c => c is { Type: DeploymentConditions.Progressing, Reason: DeploymentConditions.NewReplicaSetAvailable });
        if (complete && pass.NewSet is { } done && done.Annotations.TryAdd(ReplicaSetAnnotations.FullyAvailable, "true"))
        {
            done.Changed = true;
        }

        var status = new V1DeploymentStatus
        {
            ObservedGeneration = spec.Generation,
            Replicas = OrNull(after.Replicas),
            UpdatedReplicas = OrNull(after.UpdatedReplicas),
            ReadyReplicas = OrNull(after.ReadyReplicas),
            AvailableReplicas = OrNull(after.AvailableReplicas),
            UnavailableReplicas = OrNull(Math.Max(0, all.Sum(s => s.Replicas) - after.AvailableReplicas)),
            Conditions = conditions,
            CollisionCount = pass.CollisionCount,
        };
        var delete = pass.CleanUp
            ? Revisions.Expired(old.Where(s => !s.Changed).Select(s => s.Original), spec.RevisionHistoryLimit)
            : [];
        var annotations = Same(pass.Annotations, deployment.Metadata.Annotations) ? null : pass.Annotations;
        return new DeploymentPlan(
            pass.Created?.Copy,
            [.. sets.Where(s => s.Changed && s != pass.Created).Select(s => s.Copy)],
            release,
            delete,
            pass.Scalings,
            annotations,
            RollbackFor(deployment, conditions, pass.NewSet, old),
            status,
            pass.Collided ? TimeSpan.FromSeconds(1) : again);
    }

    /// <summary>
    /// The rollback a failed rollout gets when asked for: to the newest old ReplicaSet that was once fully available,
    /// unless the failing template was itself once fully available (a failed rollback stays failed: no loop).
    /// </summary>
    private static Rollback? RollbackFor(
        V1Deployment deployment, IList<V1DeploymentCondition> conditions, WorkingSet? newSet, IReadOnlyList<WorkingSet> old)
    {
        if (deployment.Metadata.Annotations?.TryGetValue(RollbackOnDeadline, out var wanted) != true || wanted != "true"
            || !DeploymentConditions.TimedOut(conditions) || newSet?.Annotations.ContainsKey(ReplicaSetAnnotations.FullyAvailable) != false)
        {
            return null;
        }

        var target = old.Where(s => s.Annotations.ContainsKey(ReplicaSetAnnotations.FullyAvailable) && s.Original.Spec?.Template is not null)
            .OrderByDescending(s => s.Revision).FirstOrDefault();
        return target is null ? null : new Rollback(PodTemplateHash.WithoutHash(target.Original.Spec.Template), target.Revision);
    }

    private static (List<WorkingSet> Owned, List<V1ReplicaSet> Release) Claim(DeploymentSpecView spec, IReadOnlyCollection<V1ReplicaSet> replicaSets)
    {
        var owned = new List<WorkingSet>();
        var release = new List<V1ReplicaSet>();
        foreach (var set in replicaSets.Where(s => s.Metadata?.NamespaceProperty == spec.Namespace))
        {
            var controller = OwnerReferences.ControllerOf(set.Metadata);
            var matches = spec.Selector.Selects(set.Metadata);
            if (controller is not null)
            {
                if (controller.Uid != spec.Uid)
                {
                    continue;
                }

                if (matches || spec.Deleting)
                {
                    owned.Add(new WorkingSet(set));
                }
                else
                {
                    var copy = ModelCodec.CloneModel(set);
                    copy.Metadata.OwnerReferences = copy.Metadata.OwnerReferences?.Where(r => r.Uid != spec.Uid).ToList();
                    release.Add(copy);
                }
            }
            else if (matches && !spec.Deleting && set.Metadata.DeletionTimestamp is null)
            {
                var adopted = new WorkingSet(set);
                adopted.Adopt(spec.ControllerReference);
                owned.Add(adopted);
            }
        }

        return (owned, release);
    }

    private static RolloutCounts Counts(V1DeploymentStatus? status) => new(
        status?.Replicas ?? 0, status?.UpdatedReplicas ?? 0, status?.ReadyReplicas ?? 0, status?.AvailableReplicas ?? 0);

    private static int? OrNull(int value) => value == 0 ? null : value;

    private static bool Same(IDictionary<string, string> a, IDictionary<string, string>? b) =>
        a.Count == (b?.Count ?? 0) && a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
