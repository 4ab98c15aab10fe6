namespace OrleansCluster.Core.Printing;

/// <summary>
/// Durations the way Kubernetes prints ages (apimachinery's <c>duration.HumanDuration</c>): two or three
/// significant figures, e.g. <c>45s</c>, <c>119s</c>, <c>2m</c>, <c>5m30s</c>, <c>42m</c>, <c>3h</c>, <c>5h12m</c>,
/// <c>20h</c>, <c>3d4h</c>, <c>30d</c>, <c>2y15d</c>, <c>9y</c>.
/// </summary>
public static class HumanDuration
{
    private const long HoursPerDay = 24;
    private const long HoursPerYear = 24 * 365;

    /// <summary>The text for <paramref name="duration"/>; up to one second in the future counts as <c>0s</c> (clock skew).</summary>
    public static string Format(TimeSpan duration)
    {
        // Whole units truncate toward zero, as Go's integer conversions do.
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = duration.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            return WithRemainder(minutes, "m", seconds % 60, "s");
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = duration.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            return WithRemainder(hours, "h", minutes % 60, "m");
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        var days = hours / HoursPerDay;
        if (hours < 8 * HoursPerDay)
        {
            return WithRemainder(days, "d", hours % HoursPerDay, "h");
        }

        if (hours < 2 * HoursPerYear)
        {
            return $"{days}d";
        }

        var years = hours / HoursPerYear;
        return hours < 8 * HoursPerYear ? WithRemainder(years, "y", days % 365, "d") : $"{years}y";
    }

    /// <summary>
    /// How long before <paramref name="now"/> <paramref name="timestamp"/> was, or <c>&lt;unknown&gt;</c> when it is unset
    /// (Kubernetes' zero time). Timestamps of unspecified kind are taken as UTC, as the API's are.
    /// </summary>
    public static string Since(DateTime? timestamp, DateTime now) =>
        IsZero(timestamp) ? "<unknown>" : Format(Utc(now) - Utc(timestamp!.Value));

    /// <summary>True when <paramref name="timestamp"/> is unset or Go's zero time.</summary>
    public static bool IsZero(DateTime? timestamp) => timestamp is null || timestamp.Value == default;

    /// <summary><paramref name="time"/> as UTC; an unspecified kind is taken to be UTC already.</summary>
    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    private static string WithRemainder(long whole, string unit, long remainder, string remainderUnit) =>
        remainder == 0 ? $"{whole}{unit}" : $"{whole}{unit}{remainder}{remainderUnit}";
}
