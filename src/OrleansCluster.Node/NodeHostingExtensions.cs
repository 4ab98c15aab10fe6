using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.Runtime.InMemory;

namespace OrleansCluster.Node;

public static class NodeHostingExtensions
{
    /// <summary>
    /// Adds the node role: the runtimes of the nodes this process hosts (registered in <see cref="NodeRuntimes"/>) and
    /// the <see cref="NodeService"/> running them. Needs an <see cref="IClusterClient"/> (a silo provides one).
    /// </summary>
    public static IServiceCollection AddNodeAgent(this IServiceCollection services, NodeOptions options)
    {
        services.TryAddSingleton<NodeRuntimes>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OrleansClusterClient(sp.GetRequiredService<IClusterClient>()));
        services.AddSingleton(sp => new NodeService(
            sp.GetRequiredService<OrleansClusterClient>(), CreateRuntimes(options, sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<NodeRuntimes>(), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<NodeService>());
        return services;
    }

    /// <summary>One Docker runtime for a real node; hollow nodes share one in-memory engine (as node silos share one Docker engine).</summary>
    public static IReadOnlyList<IContainerRuntime> CreateRuntimes(NodeOptions options, TimeProvider time)
    {
        var names = options.NodeNames();
        if (options.HollowNodes > 0 || options.Runtime == NodeOptions.InMemoryRuntime)
        {
            var engine = new InMemoryEngine(time);
            return names.Select(n => (IContainerRuntime)new InMemoryRuntime(engine, n)).ToList();
        }

        if (options.Runtime != NodeOptions.DockerRuntime)
        {
            throw new ArgumentException($"unknown node runtime \"{options.Runtime}\": use {NodeOptions.DockerRuntime} or {NodeOptions.InMemoryRuntime}");
        }

        return names.Select(n => (IContainerRuntime)new DockerRuntime(new DockerRuntimeOptions(n)
        {
            Endpoint = options.DockerEndpoint is { } endpoint ? new Uri(endpoint) : new Uri("unix:///var/run/docker.sock"),
        })).ToList();
    }
}
