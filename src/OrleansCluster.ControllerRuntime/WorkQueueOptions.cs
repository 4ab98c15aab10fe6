namespace OrleansCluster.ControllerRuntime;

/// <summary>How a <see cref="WorkQueue{TKey}"/> runs its passes and spaces its retries.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>Passes of different keys at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The delay before a failed key's first retry; it doubles with each failure in a row.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between retries of one key.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of all keys together per second, after a burst of <see cref="RetryBurst"/> (client-go's bucket limiter).</summary>
    public double RetriesPerSecond { get; init; } = 10;

    public int RetryBurst { get; init; } = 100;
}
