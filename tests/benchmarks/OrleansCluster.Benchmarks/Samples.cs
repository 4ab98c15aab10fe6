namespace OrleansCluster.Benchmarks;

/// <summary>Latencies in milliseconds, safe to add to from many tasks; percentiles by nearest rank.</summary>
public sealed class Samples
{
    private readonly Lock gate = new();
    private readonly List<double> values = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return values.Count;
            }
        }
    }

    public void Add(TimeSpan latency) => AddMilliseconds(latency.TotalMilliseconds);

    public void AddMilliseconds(double ms)
    {
        lock (gate)
        {
            values.Add(ms);
        }
    }

    /// <summary>A sorted copy, for percentiles.</summary>
    public Samples Snapshot()
    {
        var copy = new Samples();
        lock (gate)
        {
            copy.values.AddRange(values);
        }

        copy.values.Sort();
        return copy;
    }

    /// <summary>The <paramref name="p"/>-th percentile (0–100) of a snapshot; NaN when empty.</summary>
    public double Percentile(double p)
    {
        lock (gate)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var rank = (int)Math.Ceiling(p / 100 * values.Count);
            return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
        }
    }

    public static double Median(IEnumerable<double> xs)
    {
        var sorted = xs.Where(x => !double.IsNaN(x)).Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
