using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansCluster.Store;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// A silo inside the benchmark process, in a cluster of its own (localhost clustering on free loopback ports), whose
/// only grain storage is Orleans' ADO.NET provider on the product's database. It keeps benchmark-only grains out of
/// the product host.
/// </summary>
public static class FloorSilo
{
    public const string StorageName = "floor";

    public static async Task<IHost> StartAsync(string connectionString, string runId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "orleanscluster-bench-floor", clusterId: runId);
            silo.AddAdoNetGrainStorage(StorageName, b => b.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = "Npgsql";
                // The same Npgsql options the product's store runs with, so the floor is not handicapped.
                o.ConnectionString = StoreConnectionString.Tune(connectionString);
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
            }));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
