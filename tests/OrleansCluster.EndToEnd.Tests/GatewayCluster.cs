using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Host;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>
/// One silo with every role, built exactly as the host executable builds it, over a fresh PostgreSQL database;
/// its Kubernetes API on a free loopback port with its own CA and token; kubectl and clients use the kubeconfig it writes.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class GatewayCluster : IAsyncLifetime, ICollectionFixture<GatewayCluster>
{
    public const string Collection = "gateway cluster";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"oc-e2e-{Guid.NewGuid():N}");
    private WebApplication? app;

    public Kubectl Kubectl { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = "";

    public int ApiPort { get; private set; }

    /// <summary>The silo's services, for tests that reach behind the API (such as compacting the revision log).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("the cluster is not started");

    public async Task InitializeAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        ApiPort = FreePorts.Next();
        var pki = Path.Combine(directory, "pki");
        app = await ClusterHost.BuildAsync(
        [
            $"--OrleansCluster:ConnectionString={connectionString}",
            $"--OrleansCluster:SiloPort={FreePorts.Next()}",
            $"--OrleansCluster:GatewayPort={FreePorts.Next()}",
            $"--OrleansCluster:HttpPort={FreePorts.Next()}",
            $"--OrleansCluster:SiloName=e2e",
            $"--OrleansCluster:ClusterId=e2e-{Guid.NewGuid():N}",
            $"--OrleansCluster:Gateway:Port={ApiPort}",
            $"--OrleansCluster:Gateway:PkiDirectory={pki}",
            // These tests assert the API alone: with no nodes, a scheduler would write PodScheduled=False to every pod.
            "--OrleansCluster:Scheduler:Enabled=false",
        ], builder => builder.Logging.SetMinimumLevel(LogLevel.Warning)) ?? throw new InvalidOperationException("the host did not build");
        // Started off xunit's synchronization context, as a real process would be: nothing in the server may run on it.
        await Task.Run(() => app.StartAsync());
        var readiness = app.Services.GetRequiredService<ControlPlaneReadiness>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!readiness.IsReady)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the control plane did not become ready");
            }

            await Task.Delay(50);
        }

        KubeconfigPath = ClusterHost.KubeconfigPath(pki, ApiPort);
        Kubectl = new Kubectl(KubeconfigPath, Path.Combine(directory, "kube-cache"));
    }

    /// <summary>Shuts the silo down as a SIGTERM would (open watches are closed so clients re-watch).</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
