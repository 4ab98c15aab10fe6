using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.ControllerRuntime;

namespace OrleansCluster.Grains.Controllers;

/// <summary>
/// The home of one controller slice: activating the grain starts the slice's <see cref="IController"/> on this silo's
/// shared informers; deactivating stops it. It never deactivates when idle. A reminder resyncs the slice (every key
/// looked at again) and restarts it if it stopped; when its silo dies, the keeper or the reminder activates it elsewhere.
/// </summary>
public sealed partial class ControllerShardGrain(ControllerCatalog catalog, IServiceProvider services, ILogger<ControllerShardGrain> logger)
    : Grain, IControllerShardGrain, IRemindable
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(1);

    private IController? controller;
    private CancellationTokenSource? stopping;
    private Task running = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        await this.RegisterOrUpdateReminder("resync", Resync, Resync);
        Start();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StopAsync();

    async Task IControllerShardGrain.Ensure() => await RestartIfStoppedAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await RestartIfStoppedAsync();
        controller?.Resync();
    }

    private async Task RestartIfStoppedAsync()
    {
        if (running.IsCompleted)
        {
            LogRestart(logger, this.GetPrimaryKeyString());
            await StopAsync();
            Start();
        }
    }

    private void Start()
    {
        var (definition, shard) = catalog.Find(this.GetPrimaryKeyString());
        var slice = definition.Create(services, shard);
        controller = slice;
        stopping = new CancellationTokenSource();
        var ct = stopping.Token;
        running = Task.Run(async () =>
        {
            try
            {
                await slice.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                LogFailed(logger, e, definition.Name, shard.ToString());
            }
        }, CancellationToken.None);
    }

    private async Task StopAsync()
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await running;
        stopping.Dispose();
        stopping = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Controller slice {Key} was not running; starting it")]
    private static partial void LogRestart(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Controller {Name} {Shard} failed; the next Ensure or resync restarts it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, string shard);
}
