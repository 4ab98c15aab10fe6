using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCluster.Abstractions;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// The home of the <see cref="SchedulerLoop"/>: activating the grain starts it, deactivating stops it. The grain
/// never deactivates when idle; a reminder re-activates it (on a surviving silo) and restarts a loop that failed.
/// </summary>
public sealed partial class SchedulerGrain(IServiceProvider services, IOptions<SchedulerOptions> options, ILogger<SchedulerGrain> logger)
    : Grain, ISchedulerGrain, IRemindable
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(1);

    private SchedulerLoop? loop;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        await this.RegisterOrUpdateReminder("resync", Resync, Resync);
        StartLoop();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (loop is not null)
        {
            await loop.DisposeAsync();
        }
    }

    Task ISchedulerGrain.Ensure() => Task.CompletedTask;

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (loop is { Faulted: true })
        {
            LogRestart(logger);
            await loop.DisposeAsync();
            StartLoop();
        }
    }

    private void StartLoop()
    {
        loop = new SchedulerLoop(
            GrainFactory, services.GetRequiredService<IClusterClient>(), services.GetRequiredService<SharedInformers>(), services.GetRequiredService<TimeProvider>(), options.Value, logger);
        loop.Start();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler: the loop had stopped; restarting it")]
    private static partial void LogRestart(ILogger logger);
}
