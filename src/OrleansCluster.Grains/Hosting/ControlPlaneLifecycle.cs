using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Grains.Controllers;
using OrleansCluster.Grains.Objects;
using OrleansCluster.Grains.Scheduling;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// Starts what the control plane needs on each silo: the log tailer before grains take calls; then, once
/// the silo is active, the initial namespaces, every controller slice, the scheduler and the periodic log compaction.
/// </summary>
internal sealed partial class ControlPlaneLifecycle(
    LogTailer tailer,
    RevisionLog log,
    IGrainFactory grains,
    ControllerCatalog controllers,
    IOptions<ControlPlaneOptions> options,
    IOptions<SchedulerOptions> scheduler,
    ControlPlaneReadiness readiness,
    ILogger<ControlPlaneLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource stopping = new();
    private Task? compaction;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ControlPlaneLifecycle), ServiceLifecycleStage.ApplicationServices,
            ct => tailer.StartAsync(ct), async _ => await tailer.DisposeAsync());
        lifecycle.Subscribe(nameof(ControlPlaneLifecycle), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);
    }

    private async Task OnActiveAsync(CancellationToken ct)
    {
        foreach (var name in options.Value.InitialNamespaces)
        {
            await WhileClusterSettlesAsync(() => EnsureNamespaceAsync(name), ct);
        }

        await WhileClusterSettlesAsync(() => controllers.EnsureAllAsync(grains), ct);
        if (scheduler.Value.Enabled)
        {
            await WhileClusterSettlesAsync(() => grains.GetGrain<ISchedulerGrain>(0).Ensure(), ct);
        }

        compaction = Task.Run(() => CompactLoopAsync(stopping.Token), CancellationToken.None);
        readiness.MarkReady();
    }

    private async Task OnStopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        if (compaction is not null)
        {
            await compaction;
        }
    }

    /// <summary>
    /// Retries a start-up call that Orleans refused because membership has not settled yet: a silo restarted on the
    /// address of one that was SIGKILLed can still see the dead instance as a directory owner for a few seconds.
    /// </summary>
    private static async Task WhileClusterSettlesAsync(Func<Task> call, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (e is OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private async Task EnsureNamespaceAsync(string name)
    {
        var grain = grains.GetGrain<IObjectGrain>(ObjectKeys.For(ResourceTypes.Namespace, null, name));
        try
        {
            await grain.Create(ModelCodec.Write(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }));
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Another silo, or an earlier start, made it.
        }
    }

    private async Task CompactLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.CompactionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await log.CompactAsync(options.Value.RetainedRevisions, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCompactionFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Silo stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compacting the revision log failed; will retry")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception);
}
