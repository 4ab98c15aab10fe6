namespace OrleansCluster.Core.Controllers;

/// <summary>
/// Kubernetes' slow start for creating many objects: batches of 1, 2, 4, … so that a create that fails for every
/// object (a quota, a bad template) fails once or twice, not hundreds of times; the caller stops at the first batch
/// with a failure.
/// </summary>
public static class SlowStart
{
    public const int InitialBatchSize = 1;

    /// <summary>The batch sizes that add up to <paramref name="count"/>.</summary>
    public static IEnumerable<int> Batches(int count)
    {
        var remaining = count;
        for (var size = InitialBatchSize; remaining > 0; size *= 2)
        {
            var batch = Math.Min(size, remaining);
            yield return batch;
            remaining -= batch;
        }
    }
}
