using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

public static class NodeApiExtensions
{
    /// <summary>
    /// Serves the node API of every runtime in the process's <see cref="NodeRuntimes"/> (added here if absent) on its own
    /// loopback port, as a hosted service.
    /// </summary>
    public static IServiceCollection AddNodeApi(this IServiceCollection services, Action<NodeApiOptions> configure)
    {
        services.AddOptions<NodeApiOptions>().Configure(configure);
        services.TryAddSingleton<NodeRuntimes>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService(sp => new NodeApiServer(
            sp.GetRequiredService<IOptions<NodeApiOptions>>().Value, sp.GetRequiredService<NodeRuntimes>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        return services;
    }
}
