using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;
using OrleansCluster.Gateway.Routing;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// The resource routes: <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c>, dispatched by verb.
/// Handlers hold no business logic: that is the grains'. Every failure is answered as a Status.
/// </summary>
public static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app)
    {
        app.Map("/api/v1/{**path}", context => HandleAsync(context, "", "v1", context.Request.RouteValues["path"] as string));
        app.Map("/apis/{group}/{version}/{**path}", context => HandleAsync(
            context, (string)context.Request.RouteValues["group"]!, (string)context.Request.RouteValues["version"]!,
            context.Request.RouteValues["path"] as string));
        return app;
    }

    /// <summary>Runs <paramref name="handler"/>, answering any failure as a Status (<see cref="FailureStatus"/>).</summary>
    public static async Task GuardAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var status = FailureStatus.For(e);
            if (FailureStatus.IsUnexpected(status))
            {
                context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ResourceEndpoints))
                    .LogError(e, "{Method} {Path} failed unexpectedly", context.Request.Method, context.Request.Path);
            }

            await Responses.ErrorAsync(context, status);
        }
    }

    private static Task HandleAsync(HttpContext context, string group, string version, string? path) => GuardAsync(context, async () =>
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = ApiTarget.Parse(group, version, segments);
        var services = context.RequestServices;
        var request = new ApiRequest(context, target, services.GetRequiredService<IGrainFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
        var method = context.Request.Method;
        if (target.Subresource is "log" or "exec")
        {
            await PodStreams.HandleAsync(request);
            return;
        }

        if (target.Subresource == "scale" && target.Name is not null)
        {
            await ScaleHandler.HandleAsync(request);
            return;
        }

        if (HttpMethods.IsGet(method) && Negotiation.QueryFlag(context.Request, "watch"))
        {
            await services.GetRequiredService<WatchHandler>().WatchAsync(request);
            return;
        }

        var handler = (method, target.Name) switch
        {
            ("POST", not null) when target.Subresource == "binding" => WriteHandlers.BindAsync(request),
            ("POST", not null) when target.Subresource == EvictionHandler.Subresource => EvictionHandler.EvictAsync(request),
            (_, not null) when target.Subresource is "binding" or EvictionHandler.Subresource => throw MethodNotAllowed(),
            ("GET", null) => ReadHandlers.ListAsync(request),
            ("GET", _) => ReadHandlers.GetAsync(request),
            ("POST", null) => WriteHandlers.CreateAsync(request),
            ("PUT", not null) => WriteHandlers.ReplaceAsync(request),
            ("PATCH", not null) => WriteHandlers.PatchAsync(request),
            ("DELETE", null) => WriteHandlers.DeleteCollectionAsync(request),
            ("DELETE", _) => WriteHandlers.DeleteAsync(request),
            _ => throw MethodNotAllowed(),
        };
        await handler;
    });

    private static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}
