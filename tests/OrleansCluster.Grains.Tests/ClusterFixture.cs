using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Controllers;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Grains.Tests;

/// <summary>
/// An in-process cluster of one silo serving the control plane over a fresh PostgreSQL database, and the client
/// library bound to it. Tests talk to it only through <see cref="Client"/>, as a .NET app would.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly bool scheduler;
    private readonly ControllerOptions? controllers;

    /// <summary>The API alone: no scheduler writes to the pods the tests create.</summary>
    public ClusterFixture()
        : this(scheduler: false)
    {
    }

    protected ClusterFixture(bool scheduler, ControllerOptions? controllers = null)
    {
        this.scheduler = scheduler;
        this.controllers = controllers;
    }

    /// <summary>How long one grain call may take before it times out, in this cluster.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    private IHost? host;

    public OrleansClusterClient Client => host!.Services.GetRequiredService<OrleansClusterClient>();

    public IClusterClient Cluster => host!.Services.GetRequiredService<IClusterClient>();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: "test", clusterId: Guid.NewGuid().ToString());
            silo.UseInMemoryReminderService();

            // Short, so that tests show that long-lived calls (watches) outlive it.
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            silo.AddControlPlane(ConnectionString, scheduler: o => o.Enabled = scheduler, controllers: controllers);
        });
        builder.Services.AddSingleton(sp => new OrleansClusterClient(sp.GetRequiredService<IClusterClient>()));
        host = builder.Build();
        await host.StartAsync();
        var readiness = host.Services.GetRequiredService<ControlPlaneReadiness>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!readiness.IsReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
