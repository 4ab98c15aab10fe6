using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// Asks PostgreSQL <c>SELECT 1</c> every <see cref="ControlPlaneOptions.StoreProbeInterval"/> on a connection of its
/// own, bounded by <see cref="ControlPlaneOptions.StoreProbeTimeout"/>, and tells <see cref="ControlPlaneReadiness"/>
/// whether the store answered: a silo that cannot reach its store is not ready (<c>/readyz</c> 503), though alive.
/// </summary>
internal sealed partial class StoreProbe(
    NpgsqlDataSource dataSource,
    ControlPlaneReadiness readiness,
    IOptions<ControlPlaneOptions> options,
    ILogger<StoreProbe> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private NpgsqlConnection? connection;
    private Task? loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoreProbe), ServiceLifecycleStage.ApplicationServices, Start, StopAsync);

    private Task Start(CancellationToken ct)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.StoreProbeInterval);
        var reachable = true;
        try
        {
            do
            {
                var now = await ProbeAsync(ct);
                readiness.MarkStoreReachable(now);
                if (now != reachable)
                {
                    LogReachable(logger, now);
                    reachable = now;
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or NpgsqlException)
        {
            // Silo stopping (a probe cut short may fail either way).
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(options.Value.StoreProbeTimeout);
        try
        {
            if (connection is null)
            {
                connection = dataSource.CreateConnection();
                await connection.OpenAsync(bounded.Token);
            }

            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(bounded.Token);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // The next probe opens a new connection.
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store is reachable: {Reachable}")]
    private static partial void LogReachable(ILogger logger, bool reachable);
}
