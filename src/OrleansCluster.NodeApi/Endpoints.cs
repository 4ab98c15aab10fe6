using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>The node API's routes, behind the bearer token; every refusal is a Status.</summary>
public static class Endpoints
{
    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder app, string token)
    {
        var group = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            NodeApiToken.Matches(context.HttpContext.Request.Headers.Authorization.ToString(), token)
                ? await next(context)
                : Results.Content(new NodeApiException(401, "Unauthorized", "Unauthorized").ToStatusJson(), "application/json", null, 401));
        group.MapGet(NodeApiPaths.LogsRoute, (HttpContext context, NodeRuntimes runtimes, TimeProvider time, IHostApplicationLifetime lifetime) =>
            GuardAsync(context, lifetime, () => LogEndpoint.HandleAsync(context, runtimes, time)));
        group.Map(NodeApiPaths.ExecRoute, (HttpContext context, NodeRuntimes runtimes, IHostApplicationLifetime lifetime) =>
            GuardAsync(context, lifetime, () => ExecEndpoint.HandleAsync(context, runtimes)));
        return app;
    }

    internal static ContainerAddress Address(HttpContext context)
    {
        var route = context.Request.RouteValues;
        var uid = context.Request.Query[NodeApiPaths.PodUid].ToString();
        return new ContainerAddress((string)route["node"]!, (string)route["namespace"]!, (string)route["pod"]!,
            (string)route["container"]!, uid.Length == 0 ? null : uid);
    }

    private static async Task GuardAsync(HttpContext context, IHostApplicationLifetime lifetime, Func<Task> handler)
    {
        // Follows and execs last as long as the caller wants: they end when the server stops, not after its grace.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.RequestAborted = stopping.Token;
        try
        {
            await handler();
        }
        catch (NodeApiException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e);
        }
        catch (ContainerRuntimeException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Error == RuntimeError.NotFound
                ? new NodeApiException(404, "NotFound", e.Message)
                : new NodeApiException(500, "InternalError", e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away.
        }
    }

    private static async Task WriteAsync(HttpContext context, NodeApiException e)
    {
        context.Response.StatusCode = e.Code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(e.ToStatusJson(), context.RequestAborted);
    }
}
