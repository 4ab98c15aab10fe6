namespace OrleansCluster.Core.Scheduling;

/// <summary>The ways Kubernetes maps raw plugin scores onto 0..100.</summary>
public static class ScoreNormalization
{
    public const long MaxNodeScore = 100;

    /// <summary>
    /// Scales so the highest raw score becomes 100; <paramref name="reverse"/> then flips it (100 - score), so the
    /// lowest raw score wins. When every raw score is 0 they all become 0, or all 100 when reversed.
    /// </summary>
    public static void ByMax(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = max == 0 ? 0 : scores[i] * MaxNodeScore / max;
            scores[i] = reverse ? MaxNodeScore - scaled : scaled;
        }
    }

    /// <summary>Maps the lowest raw score to 0 and the highest to 100; all 0 when they are equal.</summary>
    public static void ByRange(Span<long> scores)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = max > min ? (scores[i] - min) * MaxNodeScore / (max - min) : 0;
        }
    }
}
