using Docker.DotNet;
using Docker.DotNet.Models;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Runtime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

/// <summary>
/// An in-process silo serving the control plane over a fresh PostgreSQL database, and the local Docker engine with
/// the test image. Tests start their own node agents on it (<see cref="TestNode"/>), each with a node name unique to
/// the test; at the end every container labelled with this process's node prefix is removed, even after failures.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeCluster : IAsyncLifetime, ICollectionFixture<NodeCluster>
{
    public const string Name = "node cluster";
    public const string Image = "orleanscluster/busybox:local";

    private IHost? host;

    public OrleansClusterClient Client => host!.Services.GetRequiredService<OrleansClusterClient>();

    public IServiceProvider Services => host!.Services;

    public DockerClient Docker { get; } = new DockerClientConfiguration().CreateClient();

    /// <summary>Node names of this process start with it, so the clean-up finds exactly our containers.</summary>
    public static string NodePrefix => $"nodetest-{Environment.ProcessId}-";

    public static string NewNodeName() => $"{NodePrefix}{Guid.NewGuid():N}"[..40];

    public async Task InitializeAsync()
    {
        // Fails (never skips) when the engine or the image is missing: deploy/docker.sh provides them.
        await Docker.Images.InspectImageAsync(Image);
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: "node-test", clusterId: Guid.NewGuid().ToString());
            silo.UseInMemoryReminderService();
            silo.AddControlPlane(connectionString);
        });
        builder.Services.AddSingleton(sp => new OrleansClusterClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton<NodeRuntimes>();
        host = builder.Build();
        await host.StartAsync();
        var readiness = host.Services.GetRequiredService<ControlPlaneReadiness>();
        await Eventually.True(() => Task.FromResult(readiness.IsReady), TimeSpan.FromSeconds(30), "control plane ready");
    }

    public async Task DisposeAsync()
    {
        await RemoveContainersAsync(NodePrefix);
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Docker.Dispose();
    }

    /// <summary>Waits until pod default/<paramref name="name"/> satisfies <paramref name="condition"/>.</summary>
    public Task<V1Pod?> PodAsync(string name, Func<V1Pod?, bool> condition, int seconds = 30) =>
        Eventually.Until(() => Client.Pods.GetAsync(name, "default"), condition, TimeSpan.FromSeconds(seconds), $"pod {name}");

    /// <summary>The events recorded about pod default/<paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name) =>
        (await Client.Events.ListAsync("default")).Items.Where(e => e.InvolvedObject.Name == name).ToList();

    /// <summary>Force-removes every container whose node label starts with <paramref name="prefix"/>.</summary>
    public async Task RemoveContainersAsync(string prefix)
    {
        var all = await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        foreach (var c in all.Where(c => c.Labels is not null && c.Labels.TryGetValue(RuntimeLabels.Node, out var node)
            && node.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await Docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true });
        }
    }
}
