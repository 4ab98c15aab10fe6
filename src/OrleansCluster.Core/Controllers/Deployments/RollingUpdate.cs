namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>One ReplicaSet of a Deployment as a rollout sees it: the replicas it is asked for and how many of its pods are available.</summary>
public sealed record ReplicaSetScale(string Name, int Replicas, int AvailableReplicas);

/// <summary>
/// One step of a rolling update, as Kubernetes takes it: first grow the new ReplicaSet as far as the surge ceiling
/// allows; if it did not grow, shrink the old ones as far as the availability floor allows, their unavailable pods
/// first, then the oldest ReplicaSets' available ones. Each pass re-reads the counts, so the rollout advances as
/// pods become available and never crosses either fencepost.
/// </summary>
public static class RollingUpdate
{
    /// <param name="old">The Deployment's other ReplicaSets, oldest first.</param>
    /// <returns>The replicas each ReplicaSet should be asked for: the new one's, and the old ones' by name.</returns>
    public static (int NewReplicas, IReadOnlyDictionary<string, int> OldReplicas) Step(
        int replicas, RolloutLimits limits, ReplicaSetScale current, IReadOnlyList<ReplicaSetScale> old)
    {
        var unchanged = old.ToDictionary(r => r.Name, r => r.Replicas, StringComparer.Ordinal);
        var grown = NewReplicas(replicas, limits, current, old);
        if (grown != current.Replicas)
        {
            return (grown, unchanged);
        }

        return (current.Replicas, ScaleDownOld(replicas, limits, current, old));
    }

    /// <summary>What the new ReplicaSet should be asked for: up toward <paramref name="replicas"/> within the ceiling, down to it when above.</summary>
    public static int NewReplicas(int replicas, RolloutLimits limits, ReplicaSetScale current, IReadOnlyList<ReplicaSetScale> old)
    {
        if (current.Replicas >= replicas)
        {
            return replicas;
        }

        var total = current.Replicas + old.Sum(r => r.Replicas);
        var room = limits.Ceiling(replicas) - total;
        return room <= 0 ? current.Replicas : current.Replicas + Math.Min(room, replicas - current.Replicas);
    }

    private static Dictionary<string, int> ScaleDownOld(int replicas, RolloutLimits limits, ReplicaSetScale current, IReadOnlyList<ReplicaSetScale> old)
    {
        var scaled = old.ToDictionary(r => r.Name, r => r.Replicas, StringComparer.Ordinal);
        if (old.Sum(r => r.Replicas) == 0)
        {
            return scaled;
        }

        var floor = limits.Floor(replicas);
        var all = current.Replicas + old.Sum(r => r.Replicas);
        var newUnavailable = current.Replicas - current.AvailableReplicas;
        var budget = all - floor - newUnavailable;
        if (budget <= 0)
        {
            return scaled;
        }

        // Unavailable old pods go first: removing them costs no availability.
        foreach (var set in old)
        {
            var unhealthy = scaled[set.Name] - Math.Min(set.AvailableReplicas, scaled[set.Name]);
            var cut = Math.Min(unhealthy, budget);
            scaled[set.Name] -= cut;
            budget -= cut;
        }

        // Then available old pods, oldest ReplicaSet first, as far as the floor allows.
        var available = current.AvailableReplicas + old.Sum(r => Math.Min(r.AvailableReplicas, scaled[r.Name]));
        var allowed = available - floor;
        foreach (var set in old)
        {
            if (allowed <= 0)
            {
                break;
            }

            var cut = Math.Min(scaled[set.Name], allowed);
            scaled[set.Name] -= cut;
            allowed -= cut;
        }

        return scaled;
    }
}
