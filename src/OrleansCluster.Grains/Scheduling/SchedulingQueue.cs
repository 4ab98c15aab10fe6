namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// kube-scheduler's queue, by pod key: an active FIFO of pods to try now, and parked pods that failed (unschedulable,
/// or a failed bind). A parked pod comes back when the cluster changed in a way that may help and its back-off
/// (1 s doubling to 10 s per attempt) has passed, or after <see cref="MaxParked"/> whatever happened: never a hot loop.
/// Pure and single-threaded: time comes in as arguments.
/// </summary>
internal sealed class SchedulingQueue
{
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxParked = TimeSpan.FromSeconds(60);

    private readonly Queue<string> active = new();
    private readonly HashSet<string> inActive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Parked> parked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> attempts = new(StringComparer.Ordinal);

    // Counts cluster changes, so that noting one is O(1) however many pods are parked.
    private long changes;

    public int ActiveCount => inActive.Count;

    public int ParkedCount => parked.Count;

    /// <summary>A pod that needs a node: to the active queue, unless it is already queued or parked.</summary>
    public void Add(string key)
    {
        if (!parked.ContainsKey(key) && inActive.Add(key))
        {
            active.Enqueue(key);
        }
    }

    /// <summary>The next pod to try; a key removed meanwhile is skipped.</summary>
    public bool TryPop(out string key)
    {
        while (active.TryDequeue(out key!))
        {
            if (inActive.Remove(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The pod could not be placed at <paramref name="now"/>. <paramref name="retryAfterBackoff"/> (a failed bind)
    /// brings it back after the back-off alone; otherwise it also waits for a cluster change.
    /// </summary>
    public void Park(string key, DateTime now, bool retryAfterBackoff = false)
    {
        var n = attempts[key] = attempts.GetValueOrDefault(key) + 1;
        parked[key] = new Parked(now, Backoff(n), retryAfterBackoff, changes);
    }

    /// <summary>Nodes or pods changed in a way that may make parked pods fit: each may return once backed off.</summary>
    public void ClusterChanged() => changes++;

    /// <summary>Moves the parked pods that are due at <paramref name="now"/> to the active queue; returns how many.</summary>
    public int Flush(DateTime now)
    {
        var due = new List<string>();
        foreach (var (key, p) in parked)
        {
            var mayFit = p.RetryAfterBackoff || p.ChangesAtPark < changes;
            if ((mayFit && now >= p.Since + p.Backoff) || now >= p.Since + MaxParked)
            {
                due.Add(key);
            }
        }

        foreach (var key in due)
        {
            parked.Remove(key);
            Add(key);
        }

        return due.Count;
    }

    /// <summary>The pod is bound, deleted or no longer ours: forget it.</summary>
    public void Remove(string key)
    {
        inActive.Remove(key);
        parked.Remove(key);
        attempts.Remove(key);
    }

    public bool IsParked(string key) => parked.ContainsKey(key);

    public static TimeSpan Backoff(int attempt)
    {
        var seconds = InitialBackoff.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    private readonly record struct Parked(DateTime Since, TimeSpan Backoff, bool RetryAfterBackoff, long ChangesAtPark);
}
