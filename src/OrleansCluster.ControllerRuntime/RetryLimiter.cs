namespace OrleansCluster.ControllerRuntime;

/// <summary>
/// When a failed key may run again: the later of its own back-off (doubling per failure in a row, capped) and a
/// token bucket shared by all keys, so a broken dependency that fails every key retries at a bounded overall rate
/// rather than all keys at once. A key that succeeds is forgotten.
/// </summary>
internal sealed class RetryLimiter<TKey>(WorkQueueOptions options, TimeProvider time) where TKey : notnull
{
    private readonly Dictionary<TKey, int> failures = [];
    private readonly Lock gate = new();
    private double tokens = options.RetryBurst;
    private long refilledAt = time.GetTimestamp();

    /// <summary>Notes one more failure of <paramref name="key"/>; returns how long it waits before its retry.</summary>
    public TimeSpan Failed(TKey key)
    {
        lock (gate)
        {
            var count = failures[key] = failures.GetValueOrDefault(key) + 1;
            var backOff = TimeSpan.FromTicks(Math.Min(options.MaxRetry.Ticks,
                options.FirstRetry.Ticks << Math.Min(count - 1, 30)));
            var bucket = Reserve();
            return backOff > bucket ? backOff : bucket;
        }
    }

    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    /// <summary>How many failures in a row <paramref name="key"/> has.</summary>
    public int Failures(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Takes a token, possibly one not yet refilled (the bucket goes into debt), and returns the wait until it is.</summary>
    private TimeSpan Reserve()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(options.RetryBurst, tokens + time.GetElapsedTime(refilledAt, now).TotalSeconds * options.RetriesPerSecond);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / options.RetriesPerSecond);
    }
}
