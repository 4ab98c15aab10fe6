namespace OrleansCluster.Grains.Scheduling;

/// <summary>Settings of the scheduler grain.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Whether the control plane runs the scheduler (a test of the API alone may turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many binds and status writes may be in flight at once: binds are writes, and throughput needs many.</summary>
    public int MaxBindsInFlight { get; set; } = 256;

    /// <summary>The seed of the tie-break between equally good nodes; null draws one.</summary>
    public int? Seed { get; set; }
}
