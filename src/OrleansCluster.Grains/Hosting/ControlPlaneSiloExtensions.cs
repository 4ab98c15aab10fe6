using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Controllers;
using OrleansCluster.Abstractions;
using OrleansCluster.Controllers.Namespaces;
using OrleansCluster.Grains.Controllers;
using OrleansCluster.Grains.Scheduling;
using OrleansCluster.Grains.Storage;
using OrleansCluster.Store;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Hosting;

public static class ControlPlaneSiloExtensions
{
    /// <summary>
    /// Makes this silo serve the API objects: the PostgreSQL store, the object grains' storage provider,
    /// lists and watches, the controllers, the scheduler, and the initial namespaces. Store failures leave
    /// grains as 503 / 500 API errors (<see cref="StoreFailureFilter"/>); readiness follows a store probe. The
    /// singletons (every controller slice, the scheduler) are kept running by <see cref="ControllerKeeper"/>; more join
    /// it through <see cref="KeptGrainExtensions.AddKeptGrain"/>.
    /// </summary>
    public static ISiloBuilder AddControlPlane(
        this ISiloBuilder builder, string connectionString, Action<ControlPlaneOptions>? configure = null,
        Action<SchedulerOptions>? scheduler = null, ControllerOptions? controllers = null)
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
        AddControllers(services, controllers ?? new ControllerOptions());
        services.AddGrainStorage(ObjectGrainStorage.Name, (sp, _) => new ObjectGrainStorage(sp.GetRequiredService<ObjectStore>()));
        builder.AddIncomingGrainCallFilter<StoreFailureFilter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreProbe>();
        services.AddSingleton<ControlPlaneReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ControlPlaneLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ControllerKeeper>();
        var schedulerSettings = new SchedulerOptions();
        scheduler?.Invoke(schedulerSettings);
        if (schedulerSettings.Enabled)
        {
            services.AddKeptGrain("scheduler", grains => grains.GetGrain<ISchedulerGrain>(0).Ensure());
        }

        return builder;
    }

    /// <summary>The controllers (<see cref="ClusterControllers"/>), hosted by controller slice grains on this silo's shared informers.</summary>
    private static void AddControllers(IServiceCollection services, ControllerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<IListWatch, StoreListWatch>();
        services.AddSingleton<SharedInformers>();
        services.AddSingleton<INamespaceContents, StoreNamespaceContents>();
        services.AddSingleton(sp => new ControllerContext(
            sp.GetRequiredService<SharedInformers>(), sp.GetRequiredService<IClusterClient>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), options));
        var catalog = new ControllerCatalog(ClusterControllers.All(
            sp => sp.GetRequiredService<ControllerContext>(), sp => sp.GetRequiredService<INamespaceContents>(), options));
        services.AddSingleton(catalog);
        foreach (var key in catalog.ShardKeys)
        {
            services.AddKeptGrain($"controller {key}", grains => grains.GetGrain<IControllerShardGrain>(key).Ensure());
        }
    }
}
