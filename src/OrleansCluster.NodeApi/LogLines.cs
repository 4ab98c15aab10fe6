using System.Globalization;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>A validated <see cref="LogQuery"/> as the runtime reads logs, and each entry as kubelet writes it.</summary>
internal static class LogLines
{
    public static LogOptions ToLogOptions(this LogQuery query) => new()
    {
        Follow = query.Follow,
        Timestamps = query.Timestamps,
        Tail = query.Tail,
        Since = query.Since,
    };

    /// <summary>A log line as kubelet writes it: with <c>timestamps</c>, the time in RFC 3339 with nine fraction digits first.</summary>
    public static string Format(LogEntry entry, bool timestamps) => timestamps && entry.Timestamp is { } time
        ? $"{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}00Z {entry.Line}\n"
        : entry.Line + "\n";
}
