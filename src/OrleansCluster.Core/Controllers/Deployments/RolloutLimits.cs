using System.Globalization;
using k8s.Models;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// A rolling update's fenceposts: how many pods above <c>replicas</c> may exist (<c>maxSurge</c>, a count or a
/// percentage rounded up) and how many below it may be unavailable (<c>maxUnavailable</c>, rounded down), 25% each by
/// default. When both come to 0 one pod may be unavailable, or the rollout could never move.
/// </summary>
public sealed record RolloutLimits(int MaxSurge, int MaxUnavailable)
{
    public const string DefaultPercent = "25%";

    /// <exception cref="FormatException">for a value that is neither a count nor a percentage.</exception>
    public static RolloutLimits Resolve(IntOrString? maxSurge, IntOrString? maxUnavailable, int replicas)
    {
        var surge = Scaled(maxSurge?.Value ?? DefaultPercent, replicas, roundUp: true);
        var unavailable = Scaled(maxUnavailable?.Value ?? DefaultPercent, replicas, roundUp: false);
        return surge == 0 && unavailable == 0 ? new RolloutLimits(0, 1) : new RolloutLimits(surge, unavailable);
    }

    /// <summary>The most pods the Deployment may have at once.</summary>
    public int Ceiling(int replicas) => replicas + MaxSurge;

    /// <summary>The fewest available pods the Deployment keeps while it rolls.</summary>
    public int Floor(int replicas) => Math.Max(0, replicas - Math.Min(MaxUnavailable, replicas));

    private static int Scaled(string value, int total, bool roundUp)
    {
        if (value.EndsWith('%'))
        {
            if (!int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                throw new FormatException($"invalid value for IntOrString: invalid value \"{value}\"");
            }

            var exact = percent * (long)total / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"invalid value for IntOrString: invalid value \"{value}\"");
    }
}
