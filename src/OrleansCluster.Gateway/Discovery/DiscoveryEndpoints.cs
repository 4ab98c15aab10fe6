using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Handlers;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Discovery;

/// <summary><c>/version</c>, discovery and OpenAPI: what clients read before they talk about resources.</summary>
public static class DiscoveryEndpoints
{
    /// <summary>
    /// The version kubectl sees. The minor must be 32: the kubectl on these machines picks its bundled binary by it.
    /// </summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-orleanscluster",
        ["gitCommit"] = "orleanscluster",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-27T00:00:00Z",
        ["goVersion"] = "dotnet" + Environment.Version,
        ["compiler"] = "dotnet",
        ["platform"] = $"{(OperatingSystem.IsLinux() ? "linux" : "other")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
    };

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", context => Responses.JsonAsync(context, 200, Version()));
        app.MapGet("/api", context => Groups(context, core: true));
        app.MapGet("/apis", context => Groups(context, core: false));
        app.MapGet("/api/v1", context => ResourceList(context, "", "v1"));
        app.MapGet("/apis/{group}/{version}", context => ResourceList(
            context, (string)context.Request.RouteValues["group"]!, (string)context.Request.RouteValues["version"]!));
        app.MapGet("/openapi/v3", context => Responses.JsonAsync(context, 200, OpenApiDocuments.Index()));
        app.MapGet("/openapi/v3/{**key}", context => ResourceEndpoints.GuardAsync(context, () =>
            OpenApiDocuments.Document((string)context.Request.RouteValues["key"]!) is { } doc
                ? Responses.JsonAsync(context, 200, doc)
                : throw NotFound()));
        return app;
    }

    /// <summary>Aggregated discovery when the client accepts it (with its content type: kubectl reads the type), else legacy.</summary>
    private static async Task Groups(HttpContext context, bool core)
    {
        if (context.Request.Headers.Accept.ToString().Contains("g=apidiscovery.k8s.io;v=v2", StringComparison.Ordinal))
        {
            var body = DiscoveryDocuments.Aggregated(core).ToJsonString();
            context.Response.StatusCode = 200;
            context.Response.ContentType = DiscoveryDocuments.AggregatedContentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
            return;
        }

        var legacy = core
            ? DiscoveryDocuments.ApiVersions($"{context.Request.Host}")
            : DiscoveryDocuments.ApiGroupList();
        await Responses.JsonAsync(context, 200, legacy);
    }

    private static Task ResourceList(HttpContext context, string group, string version) => ResourceEndpoints.GuardAsync(context, () =>
        DiscoveryDocuments.ApiResourceList(group, version) is { } list
            ? Responses.JsonAsync(context, 200, list)
            : throw NotFound());

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
