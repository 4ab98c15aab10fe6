using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Host;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Example.Tests;

/// <summary>
/// One silo configured exactly as the host configures it (<see cref="SiloSetup"/>: ADO.NET clustering, reminders
/// and storage on PostgreSQL), in this process, over a fresh database; clients find it through that database.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);
    private IHost? silo;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The silo's PKI folder: the cluster CA and the client credential the silo wrote there.</summary>
    public string PkiDirectory { get; } = Path.Combine(Path.GetTempPath(), $"oc-example-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        var settings = new HostSettings
        {
            ConnectionString = ConnectionString,
            SiloName = "example-tests",
            SiloPort = FreePorts.Next(),
            GatewayPort = FreePorts.Next(),
            Roles = ["control-plane"],
            Gateway = { PkiDirectory = PkiDirectory },
            // The test asserts the example's own changes, event by event; with no node to run it, a scheduler would
            // add one of its own (PodScheduled=False) to the pod.
            Scheduler = { Enabled = false },
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(s => SiloSetup.Configure(s, settings));
        silo = builder.Build();
        await silo.StartAsync();

        var readiness = silo.Services.GetRequiredService<ControlPlaneReadiness>();
        var deadline = DateTime.UtcNow + ReadyDeadline;
        while (!readiness.IsReady)
        {
            Assert.True(DateTime.UtcNow < deadline, "the silo's control plane did not become ready");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        if (Directory.Exists(PkiDirectory))
        {
            Directory.Delete(PkiDirectory, recursive: true);
        }
    }
}
