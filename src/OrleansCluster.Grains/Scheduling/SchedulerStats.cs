using Microsoft.Extensions.Logging;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// What the loop did since the last report, logged every <see cref="Every"/> while it is busy: how many pod events it
/// applied and how late the newest pods reached it (watch delay), how many it scheduled and bound, and its queues.
/// </summary>
internal sealed partial class SchedulerStats(ILogger logger)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private DateTime since = DateTime.MinValue;
    private int podEvents;
    private int scheduled;
    private int bound;
    private int failed;
    private TimeSpan latestArrival;

    public void PodEvent(DateTime now, DateTime? created, bool added)
    {
        podEvents++;
        if (added && created is { } c && now - c > latestArrival)
        {
            latestArrival = now - c;
        }
    }

    public void Scheduled() => scheduled++;

    public void Bound(bool ok)
    {
        bound += ok ? 1 : 0;
        failed += ok ? 0 : 1;
    }

    public void Report(DateTime now, int active, int parked, int inFlight)
    {
        if (since == DateTime.MinValue)
        {
            since = now;
        }

        if (now - since < Every)
        {
            return;
        }

        if (podEvents + scheduled + bound + failed > 0)
        {
            LogStats(logger, (now - since).TotalSeconds, podEvents, latestArrival.TotalSeconds, scheduled, bound, failed, active, parked, inFlight);
        }

        (since, podEvents, scheduled, bound, failed, latestArrival) = (now, 0, 0, 0, 0, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Scheduler, last {Seconds:F0} s: {PodEvents} pod events (new pods arrived up to {Arrival:F0} s after creation), "
        + "{Scheduled} scheduled, {Bound} bound, {Failed} binds failed; queued {Active}, parked {Parked}, binding {InFlight}")]
    private static partial void LogStats(
        ILogger logger, double seconds, int podEvents, double arrival, int scheduled, int bound, int failed, int active, int parked, int inFlight);
}
