using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.OrleansContract.Tests;

/// <summary>A single silo configured the way the project's host must configure the ADO.NET providers.</summary>
internal static class ContractSilo
{
    public const string StorageName = "Default";
    private const string Invariant = "Npgsql";

    public static async Task<IHost> StartAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "orleanscluster-contract";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(StorageName, options => options.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                // Plain System.Text.Json: no .NET type names in stored rows, so renaming a type strands nothing.
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
            }));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
