using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Runtime.Hosting;
using OrleansCluster.Grains.Scheduling;
using OrleansCluster.Grains.Storage;
using OrleansCluster.Store;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Hosting;

public static class ControlPlaneSiloExtensions
{
    /// <summary>
    /// Makes this silo serve the API objects: the PostgreSQL store, the object grains' storage provider,
    /// lists and watches, the namespace controller, the scheduler, and the initial namespaces. Store failures leave
    /// grains as 503 / 500 API errors (<see cref="StoreFailureFilter"/>); readiness follows a store probe.
    /// </summary>
    public static ISiloBuilder AddControlPlane(
        this ISiloBuilder builder, string connectionString, Action<ControlPlaneOptions>? configure = null,
        Action<SchedulerOptions>? scheduler = null)
    {
        var services = builder.Services;
        services.AddOptions<ControlPlaneOptions>().Configure(o => configure?.Invoke(o));
        services.AddOptions<SchedulerOptions>().Configure(o => scheduler?.Invoke(o));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(StoreConnectionString.Tune(connectionString)));
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<RevisionLog>();
        services.AddSingleton(sp => new LogTailer(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<RevisionLog>()));
        services.AddSingleton<ObjectWatch>();
        services.AddSingleton<ObjectCache>();
        services.AddGrainStorage(ObjectGrainStorage.Name, (sp, _) => new ObjectGrainStorage(sp.GetRequiredService<ObjectStore>()));
        builder.AddIncomingGrainCallFilter<StoreFailureFilter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreProbe>();
        services.AddSingleton<ControlPlaneReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ControlPlaneLifecycle>();
        return builder;
    }
}
