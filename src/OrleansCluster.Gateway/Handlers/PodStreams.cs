using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>The pod subresources that stream from the pod's node: <c>log</c> and <c>exec</c>.</summary>
internal static class PodStreams
{
    public static async Task HandleAsync(ApiRequest request)
    {
        var services = request.Context.RequestServices;
        // They last as long as the user wants: cut them when the silo stops, as watches are, rather than hold shutdown.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            request.Context.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        request.Context.RequestAborted = stopping.Token;
        var nodes = services.GetRequiredService<NodeApiConnector>();
        await (request.Target.Subresource == "log" ? PodLogHandler.HandleAsync(request, nodes) : PodExecHandler.HandleAsync(request, nodes));
    }
}
