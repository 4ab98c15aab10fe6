using System.Globalization;
using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// One pass of the deployment controller over a Deployment and its claimed ReplicaSets, in Kubernetes' order: keep
/// the new ReplicaSet's revision and annotations in step; while paused or when <c>replicas</c> changed, scale
/// proportionally and stop; otherwise take one step of the strategy — Recreate (old to zero, wait for their pods to
/// go, then the new one at full size) or RollingUpdate (<see cref="RollingUpdate.Step"/>) — creating the new
/// ReplicaSet when it is missing. A pass that scaled stops there; the next one sees the ReplicaSets' new counts.
/// </summary>
internal sealed class RolloutPass(
    V1Deployment deployment, DeploymentSpecView spec, WorkingSet? newSet, IReadOnlyList<WorkingSet> old,
    IReadOnlyCollection<V1ReplicaSet> namespaceSets, IReadOnlyCollection<V1Pod> pods, DateTime now)
{
    private readonly List<V1DeploymentCondition> conditions = [.. deployment.Status?.Conditions ?? []];

    public WorkingSet? NewSet { get; private set; } = newSet;

    /// <summary>The ReplicaSet this pass creates, if any (also <see cref="NewSet"/>).</summary>
    public WorkingSet? Created { get; private set; }

    public List<ReplicaSetScaling> Scalings { get; } = [];

    public Dictionary<string, string> Annotations { get; } = new(deployment.Metadata.Annotations ?? new Dictionary<string, string>());

    public IReadOnlyList<V1DeploymentCondition> Conditions => conditions;

    public int? CollisionCount { get; private set; } = deployment.Status?.CollisionCount;

    /// <summary>The pass found a name collision and must come back once the collision count is written.</summary>
    public bool Collided { get; private set; }

    /// <summary>Old ReplicaSets past the history limit may be deleted at the end of this pass.</summary>
    public bool CleanUp { get; private set; }

    private long NewRevision => old.Select(s => s.Revision).DefaultIfEmpty(0).Max() + 1;

    public void Run()
    {
        if (spec.Deleting)
        {
            return;
        }

        SyncNewSet();
        if (spec.Paused || ProportionalScaling.IsScalingEvent(spec, NewSet is null ? old : old.Append(NewSet)))
        {
            Scalings.AddRange(ProportionalScaling.Scale(spec, NewSet, old, deployment.Status?.Replicas ?? 0));
            CleanUp = spec.Paused;
            return;
        }

        if (spec.Recreate)
        {
            Recreate();
        }
        else
        {
            Rolling();
        }
    }

    private void Recreate()
    {
        var running = old.Where(s => s.Replicas > 0).ToList();
        if (running.Count > 0)
        {
            Scalings.AddRange(running.Select(s => s.ScaleTo(0, spec)).OfType<ReplicaSetScaling>());
            return;
        }

        if (OldPodsRunning() || (NewSet is null && !CreateNewSet(spec.Replicas)))
        {
            return;
        }

        if (NewSet!.Replicas != spec.Replicas && NewSet.ScaleTo(spec.Replicas, spec) is { } scaled)
        {
            Scalings.Add(scaled);
        }

        CleanUp = CompleteBefore();
    }

    private void Rolling()
    {
        if (NewSet is null && !CreateNewSet(RollingUpdate.NewReplicas(spec.Replicas, spec.Limits, new("", 0, 0), [.. old.Select(s => s.Scale)])))
        {
            return;
        }

        var (grown, oldReplicas) = RollingUpdate.Step(spec.Replicas, spec.Limits, NewSet!.Scale, [.. old.Select(s => s.Scale)]);
        if (grown != NewSet.Replicas)
        {
            Scalings.Add(NewSet.ScaleTo(grown, spec)!);
            return;
        }

        var scaled = old.Where(s => oldReplicas[s.Name] != s.Replicas).Select(s => s.ScaleTo(oldReplicas[s.Name], spec)).OfType<ReplicaSetScaling>().ToList();
        Scalings.AddRange(scaled);
        CleanUp = scaled.Count == 0 && CompleteBefore();
    }

    /// <summary>The existing new ReplicaSet carries the next revision, the Deployment's annotations and minReadySeconds.</summary>
    private void SyncNewSet()
    {
        if (NewSet is null)
        {
            return;
        }

        var changed = ReplicaSetAnnotations.CopyFrom(deployment.Metadata.Annotations, NewSet.Annotations);
        changed |= ReplicaSetAnnotations.SetRevision(NewSet.Annotations, NewRevision);
        if ((NewSet.Copy.Spec.MinReadySeconds ?? 0) != spec.MinReadySeconds)
        {
            NewSet.Copy.Spec.MinReadySeconds = spec.MinReadySeconds;
            changed = true;
        }

        NewSet.Changed |= changed;
        Annotations[Revisions.Annotation] = NewSet.Revision.ToString(CultureInfo.InvariantCulture);
        if (!conditions.Any(c => c.Type == DeploymentConditions.Progressing))
        {
            SetProgressing("FoundNewReplicaSet", $"Found new replica set \"{NewSet.Name}\"");
        }
    }

    /// <summary>Creates the new ReplicaSet at <paramref name="replicas"/>; false when its name is taken by another template.</summary>
    private bool CreateNewSet(int replicas)
    {
        var hash = PodTemplateHash.Compute(spec.Template, CollisionCount);
        var name = $"{spec.Name}-{hash}";
        if (namespaceSets.Any(s => s.Metadata.Name == name))
        {
            CollisionCount = (CollisionCount ?? 0) + 1;
            Collided = true;
            return false;
        }

        var template = ModelCodec.CloneModel(spec.Template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>())
        {
            [PodTemplateHash.Label] = hash,
        };
        var selector = ModelCodec.CloneModel(deployment.Spec?.Selector ?? new V1LabelSelector());
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>())
        {
            [PodTemplateHash.Label] = hash,
        };
        var revision = NewRevision;
        var annotations = new Dictionary<string, string>();
        ReplicaSetAnnotations.CopyFrom(deployment.Metadata.Annotations, annotations);
        ReplicaSetAnnotations.SetRevision(annotations, revision);
        ReplicaSetAnnotations.SetReplicas(annotations, spec.Replicas, spec.MaxReplicas);
        var set = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = spec.Namespace,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                Annotations = annotations,
                OwnerReferences = [spec.ControllerReference],
            },
            Spec = new V1ReplicaSetSpec { Replicas = replicas, MinReadySeconds = spec.MinReadySeconds, Selector = selector, Template = template },
        };
        Created = NewSet = new WorkingSet(set);
        Annotations[Revisions.Annotation] = revision.ToString(CultureInfo.InvariantCulture);
        SetProgressing("NewReplicaSetCreated", $"Created new replica set \"{name}\"");
        if (replicas > 0)
        {
            Scalings.Add(new ReplicaSetScaling(name, 0, replicas) { Created = true });
        }

        return true;
    }

    /// <summary>Recreate waits for every pod of the old ReplicaSets to stop (finished pods do not count).</summary>
    private bool OldPodsRunning()
    {
        if (old.Any(s => s.StatusReplicas > 0))
        {
            return true;
        }

        var uids = old.Select(s => s.Original.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        return pods.Any(p => OwnerReferences.ControllerOf(p.Metadata) is { } owner && uids.Contains(owner.Uid)
                             && p.Status?.Phase is not ("Succeeded" or "Failed"));
    }

    /// <summary>The rollout was complete as of the status the Deployment had when the pass began.</summary>
    private bool CompleteBefore() =>
        deployment.Status is { } s && (s.UpdatedReplicas ?? 0) == spec.Replicas && (s.Replicas ?? 0) == spec.Replicas
        && (s.AvailableReplicas ?? 0) == spec.Replicas && (s.ObservedGeneration ?? 0) >= spec.Generation;

    private void SetProgressing(string reason, string message)
    {
        var current = conditions.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing);
        conditions.Remove(current!);
        conditions.Add(new V1DeploymentCondition
        {
            Type = DeploymentConditions.Progressing,
            Status = "True",
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = current?.Status == "True" ? current.LastTransitionTime : now,
        });
    }
}
