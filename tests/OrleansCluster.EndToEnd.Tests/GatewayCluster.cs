using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Host;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>
/// One silo with the control-plane and gateway roles (the scheduler off: with no nodes it would mark every pod
/// unschedulable), built exactly as the host executable builds it, over a fresh PostgreSQL database; its Kubernetes
/// API on a free loopback port with its own CA and token; kubectl and clients use the kubeconfig it writes.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class GatewayCluster : HostedCluster, ICollectionFixture<GatewayCluster>
{
    public const string Collection = "gateway cluster";

    // These tests assert the API alone: with no nodes, a scheduler would write PodScheduled=False to every pod.
    protected override IEnumerable<string> RoleArguments() => ["--OrleansCluster:Scheduler:Enabled=false"];
}

/// <summary>
/// A silo as the quick start runs it: control plane with the scheduler, gateway, and a node on the local Docker engine
/// (its own node name, so its containers are its own). Pods created through kubectl really run.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class NodeCluster : HostedCluster, ICollectionFixture<NodeCluster>
{
    public const string Collection = "cluster with a Docker node";

    public string NodeName { get; } = $"e2e-node-{Guid.NewGuid().ToString("N")[..8]}";

    protected override IEnumerable<string> RoleArguments() =>
    [
        "--OrleansCluster:Roles:0=control-plane",
        "--OrleansCluster:Roles:1=gateway",
        "--OrleansCluster:Roles:2=node",
        $"--OrleansCluster:Node:NodeName={NodeName}",
        $"--OrleansCluster:Node:KubeletPort={FreePorts.Next()}",
    ];

    /// <summary>Whatever a failed test left on the engine under this node's name.</summary>
    protected override async Task CleanUpAsync()
    {
        using var runtime = new DockerRuntime(new DockerRuntimeOptions(NodeName));
        foreach (var container in await runtime.ListContainersAsync())
        {
            await runtime.RemoveContainerAsync(container.Id);
        }

        foreach (var sandbox in await runtime.ListSandboxesAsync())
        {
            await runtime.RemoveSandboxAsync(sandbox.Id);
        }
    }
}

/// <summary>One in-process silo built by <see cref="ClusterHost"/> with the given roles, and a kubectl configured for it.</summary>
public abstract class HostedCluster : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"oc-e2e-{Guid.NewGuid():N}");
    private WebApplication? app;

    public Kubectl Kubectl { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = "";

    public int ApiPort { get; private set; }

    /// <summary>The silo's health port (<c>/healthz</c>, <c>/readyz</c>), plain HTTP.</summary>
    public int HealthPort { get; private set; }

    /// <summary>The silo's services, for tests that reach behind the API (such as compacting the revision log).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("the cluster is not started");

    /// <summary>Roles and role settings of the silo.</summary>
    protected abstract IEnumerable<string> RoleArguments();

    public async Task InitializeAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        ApiPort = FreePorts.Next();
        HealthPort = FreePorts.Next();
        var pki = Path.Combine(directory, "pki");
        app = await ClusterHost.BuildAsync(
        [
            $"--OrleansCluster:ConnectionString={connectionString}",
            $"--OrleansCluster:SiloPort={FreePorts.Next()}",
            $"--OrleansCluster:GatewayPort={FreePorts.Next()}",
            $"--OrleansCluster:HttpPort={HealthPort}",
            $"--OrleansCluster:SiloName=e2e",
            $"--OrleansCluster:ClusterId=e2e-{Guid.NewGuid():N}",
            $"--OrleansCluster:Gateway:Port={ApiPort}",
            $"--OrleansCluster:Gateway:PkiDirectory={pki}",
            .. RoleArguments(),
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

    /// <summary>Runs after the silo stopped.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopAsync();
        await CleanUpAsync();

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
