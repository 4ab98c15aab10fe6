namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// How a Deployment follows a change of <c>replicas</c> outside a rollout step (while paused, or mid-rollout when
/// scaled), as Kubernetes: one active ReplicaSet (or none: the newest) simply takes the new size; a saturated new
/// ReplicaSet retires the old ones; otherwise, for RollingUpdate, the pods to add or remove are shared among the
/// active ReplicaSets in proportion to their size against the <c>max-replicas</c> they were sized for, the rounding
/// left-over going to the largest (the newest when adding, the oldest when removing).
/// </summary>
internal static class ProportionalScaling
{
    /// <param name="old">The other ReplicaSets, oldest first.</param>
    public static IEnumerable<ReplicaSetScaling> Scale(
        DeploymentSpecView deployment, WorkingSet? newSet, IReadOnlyList<WorkingSet> old, int statusReplicas)
    {
        var all = (newSet is null ? old : old.Append(newSet)).ToList();
        var active = all.Where(s => s.Replicas > 0).ToList();
        var single = active.Count switch
        {
            0 => newSet ?? old.LastOrDefault(),
            1 => active[0],
            _ => null,
        };
        if (single is not null)
        {
            return single.Replicas == deployment.Replicas ? [] : Scaled(single.ScaleTo(deployment.Replicas, deployment));
        }

        if (IsSaturated(deployment, newSet))
        {
            return old.Where(s => s.Replicas > 0).Select(s => s.ScaleTo(0, deployment)).OfType<ReplicaSetScaling>().ToList();
        }

        if (deployment.Recreate)
        {
            return [];
        }

        var allowed = deployment.Replicas > 0 ? deployment.MaxReplicas : 0;
        var toAdd = allowed - active.Sum(s => s.Replicas);
        var ordered = toAdd > 0
            ? active.OrderByDescending(s => s.Replicas).ThenByDescending(s => s.Created).ToList()
            : active.OrderByDescending(s => s.Replicas).ThenBy(s => s.Created).ToList();
        var sizes = new Dictionary<WorkingSet, int>();
        var added = 0;
        foreach (var set in ordered)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(set, deployment, toAdd, added, statusReplicas);
            sizes[set] = set.Replicas + proportion;
            added += proportion;
        }

        if (ordered.Count > 0 && toAdd != 0)
        {
            sizes[ordered[0]] = Math.Max(0, sizes[ordered[0]] + toAdd - added);
        }

        return ordered.Select(s => s.ScaleTo(sizes[s], deployment)).OfType<ReplicaSetScaling>().ToList();
    }

    /// <summary>The new ReplicaSet holds every replica, all available, sized for the current replicas.</summary>
    public static bool IsSaturated(DeploymentSpecView deployment, WorkingSet? newSet) =>
        newSet is not null
        && ReplicaSetAnnotations.Read(newSet.Copy.Metadata, ReplicaSetAnnotations.DesiredReplicas) == deployment.Replicas
        && newSet.Replicas == deployment.Replicas
        && newSet.AvailableReplicas == deployment.Replicas;

    /// <summary>Some active ReplicaSet was sized for a different <c>replicas</c> than the Deployment now asks for.</summary>
    public static bool IsScalingEvent(DeploymentSpecView deployment, IEnumerable<WorkingSet> sets) =>
        sets.Where(s => s.Replicas > 0)
            .Any(s => ReplicaSetAnnotations.Read(s.Copy.Metadata, ReplicaSetAnnotations.DesiredReplicas) is { } desired
                      && desired != deployment.Replicas);

    private static int Proportion(WorkingSet set, DeploymentSpecView deployment, int toAdd, int added, int statusReplicas)
    {
        if (set.Replicas == 0 || toAdd == added)
        {
            return 0;
        }

        var fraction = Fraction(set, deployment, statusReplicas);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>The change the set's share of the new size asks for.</summary>
    private static int Fraction(WorkingSet set, DeploymentSpecView deployment, int statusReplicas)
    {
        if (deployment.Replicas == 0)
        {
            return -set.Replicas;
        }

        var sizedFor = ReplicaSetAnnotations.Read(set.Copy.Metadata, ReplicaSetAnnotations.MaxReplicas) ?? statusReplicas;
        if (sizedFor <= 0)
        {
            return 0;
        }

        var share = (double)set.Replicas * deployment.MaxReplicas / sizedFor;
        return (int)Math.Round(share, MidpointRounding.AwayFromZero) - set.Replicas;
    }

    private static IEnumerable<ReplicaSetScaling> Scaled(ReplicaSetScaling? scaling) => scaling is null ? [] : [scaling];
}
