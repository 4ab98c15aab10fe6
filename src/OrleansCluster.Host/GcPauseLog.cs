using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansCluster.Host;

/// <summary>
/// Logs every garbage collection that paused the silo for long (100 ms or more), with its generation and the heap
/// size: a long pause stalls every request of the silo at once, and this is where an operator sees why.
/// </summary>
internal sealed partial class GcPauseLog(ILogger<GcPauseLog> logger) : BackgroundService
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long seen = GC.GetGCMemoryInfo(GCKind.Any).Index;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            // The runtime keeps the latest collection of each kind; collections between two ticks are not all seen.
            foreach (var kind in new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background })
            {
                var info = GC.GetGCMemoryInfo(kind);
                var pause = info.PauseDurations.ToArray().Aggregate(TimeSpan.Zero, (a, b) => a + b);
                if (info.Index > seen && pause >= Threshold)
                {
                    LogPause(logger, (long)pause.TotalMilliseconds, kind, info.Generation, info.HeapSizeBytes / (1024 * 1024),
                        info.Compacted, GCSettings.LatencyMode);
                }
            }

            seen = GC.GetGCMemoryInfo(GCKind.Any).Index;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "GC paused the silo for {PauseMs} ms ({Kind}, gen {Generation}, heap {HeapMb} MB, compacted {Compacted}, mode {Mode})")]
    private static partial void LogPause(ILogger logger, long pauseMs, GCKind kind, int generation, long heapMb, bool compacted, GCLatencyMode mode);
}
