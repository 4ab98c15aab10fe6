using k8s.Models;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>
/// Which pods a scale-down removes first, in Kubernetes' order (its ActivePodsWithRanks, with logarithmic
/// scale-down): unassigned before assigned; Pending before Unknown before Running; not ready before ready; lower
/// <c>controller.kubernetes.io/pod-deletion-cost</c> first; pods sharing a node with more of their siblings first;
/// ready for less time first; more container restarts first; newer first. Times are compared by their power-of-two
/// bucket of age, so pods of about the same age tie and the tie is broken by uid (random, so no pod is always spared).
/// </summary>
public sealed class PodDeletionOrder : IComparer<V1Pod>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    private readonly DateTime now;
    private readonly Dictionary<string, int> podsOnNode;

    /// <param name="siblings">The active pods whose sharing of a node ranks each other (the controller's own).</param>
    public PodDeletionOrder(IEnumerable<V1Pod> siblings, DateTime now)
    {
        this.now = now;
        podsOnNode = siblings.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName))
            .GroupBy(p => p.Spec.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="pods"/> to delete.</summary>
    public static IReadOnlyList<V1Pod> PickVictims(IReadOnlyList<V1Pod> pods, int count, DateTime now) =>
        pods.Order(new PodDeletionOrder(pods, now)).Take(count).ToList();

    public int Compare(V1Pod? x, V1Pod? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var xNode = x.Spec?.NodeName ?? "";
        var yNode = y.Spec?.NodeName ?? "";
        if (xNode != yNode && (xNode.Length == 0 || yNode.Length == 0))
        {
            return xNode.Length == 0 ? -1 : 1;
        }

        var phase = PhaseOrdinal(x).CompareTo(PhaseOrdinal(y));
        if (phase != 0)
        {
            return phase;
        }

        var xReady = PodConditions.IsReady(x);
        if (xReady != PodConditions.IsReady(y))
        {
            return xReady ? 1 : -1;
        }

        var cost = DeletionCost(x).CompareTo(DeletionCost(y));
        if (cost != 0)
        {
            return cost;
        }

        var rank = Rank(y).CompareTo(Rank(x));
        if (rank != 0)
        {
            return rank;
        }

        if (xReady && PodConditions.ReadySince(x) is { } xSince && PodConditions.ReadySince(y) is { } ySince && xSince != ySince)
        {
            return ByAgeBucket(xSince, ySince, x, y);
        }

        var restarts = PodConditions.MaxRestarts(y).CompareTo(PodConditions.MaxRestarts(x));
        if (restarts != 0)
        {
            return restarts;
        }

        var xCreated = x.Metadata?.CreationTimestamp;
        var yCreated = y.Metadata?.CreationTimestamp;
        if (xCreated != yCreated)
        {
            if (xCreated is null || yCreated is null)
            {
                return xCreated is null ? -1 : 1;
            }

            return ByAgeBucket(xCreated.Value, yCreated.Value, x, y);
        }

        return 0;
    }

    /// <summary>The younger bucket first (log2 of the age in nanoseconds, as Kubernetes); within a bucket, by uid.</summary>
    private int ByAgeBucket(DateTime x, DateTime y, V1Pod xPod, V1Pod yPod)
    {
        var bucket = Bucket(x).CompareTo(Bucket(y));
        return bucket != 0 ? bucket : string.CompareOrdinal(xPod.Metadata?.Uid, yPod.Metadata?.Uid);
    }

    private long Bucket(DateTime time)
    {
        var age = (now - time).Ticks * 100.0;
        return age > 0 ? (long)Math.Log2(age) : -1;
    }

    private int Rank(V1Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName) ? 0 : podsOnNode.GetValueOrDefault(pod.Spec.NodeName);

    private static int PhaseOrdinal(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    /// <summary>The annotation's value; 0 when absent or not a 32-bit integer, as Kubernetes reads it.</summary>
    private static int DeletionCost(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var cost)
            ? cost
            : 0;
}
