using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// Keeps the control plane's singleton grains (<see cref="KeptGrain"/>: the scheduler, the controllers) activated. It
/// runs on every control-plane silo and calls each one's <c>Ensure</c> once the silo is active, whenever Orleans
/// membership declares a silo dead (the grains that silo hosted are then re-activated on a survivor at once, not at
/// their next reminder a minute later), and every <see cref="ControlPlaneOptions.KeepInterval"/> as a safety net. A
/// call that fails while the cluster settles (the directory still naming the dead silo, a timeout) is retried with
/// back-off for up to <see cref="PassTimeout"/>; the next pass tries again after that.
/// </summary>
internal sealed partial class ControllerKeeper(
    IEnumerable<KeptGrain> kept,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<ControlPlaneOptions> options,
    ILogger<ControllerKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan PassTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMilliseconds(500);

    private readonly KeptGrain[] grainsToKeep = [.. kept];
    private readonly Channel<string> wake = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ControllerKeeper), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken ct)
    {
        if (grainsToKeep.Length > 0)
        {
            var token = stopping.Token;
            running = Task.WhenAll(
                Task.Run(() => KeepAsync(token), CancellationToken.None),
                Task.Run(() => WatchMembershipAsync(token), CancellationToken.None),
                Task.Run(() => TickAsync(token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        await running;
    }

    /// <summary>One pass per wake-up: at start, then on each silo death or tick (a wake-up during a pass queues one more).</summary>
    private async Task KeepAsync(CancellationToken ct)
    {
        wake.Writer.TryWrite("start");
        try
        {
            await foreach (var reason in wake.Reader.ReadAllAsync(ct))
            {
                await Task.WhenAll(grainsToKeep.Select(g => EnsureAsync(g, reason, ct)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private async Task WatchMembershipAsync(CancellationToken ct)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(ct))
            {
                var died = snapshot.CreateUpdate(previous).Changes.Where(c => c.Status == SiloStatus.Dead).ToList();
                previous = snapshot;
                if (died.Count > 0)
                {
                    LogSiloDied(logger, string.Join(", ", died.Select(d => d.Name ?? d.SiloAddress.ToString())));
                    wake.Writer.TryWrite("silo dead");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.KeepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                wake.Writer.TryWrite("tick");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private async Task EnsureAsync(KeptGrain grain, string reason, CancellationToken ct)
    {
        var delay = FirstRetry;
        var deadline = DateTime.UtcNow + PassTimeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grain.Ensure(grains).WaitAsync(ct);
                if (attempt > 1)
                {
                    LogEnsuredAfterRetries(logger, grain.Name, attempt, reason);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (DateTime.UtcNow + delay > deadline)
                {
                    LogEnsureFailed(logger, e, grain.Name, attempt, reason);
                    return;
                }

                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeper: silo(s) {Silos} declared dead; ensuring the singleton grains")]
    private static partial void LogSiloDied(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeper: {Grain} answered after {Attempts} attempts ({Reason})")]
    private static partial void LogEnsuredAfterRetries(ILogger logger, string grain, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeper: {Grain} did not answer in {Attempts} attempts ({Reason}); the next pass tries again")]
    private static partial void LogEnsureFailed(ILogger logger, Exception exception, string grain, int attempts, string reason);
}
