using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Discovery;
using OrleansCluster.Gateway.Handlers;
using OrleansCluster.Gateway.Http;
using OrleansCluster.Gateway.Security;
using OrleansCluster.NodeApi;

namespace OrleansCluster.Gateway;

/// <summary>Adds the Kubernetes API to a silo's web host: services, the HTTPS listener, bearer-token authentication, routes.</summary>
public static class GatewayExtensions
{
    public static IServiceCollection AddKubernetesGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        services.AddOptions<GatewayOptions>().Configure(configure);
        services.AddSingleton(sp => GatewayCredentials.LoadOrCreate(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.PkiDirectory));
        services.AddSingleton<WatchLimiter>();
        services.AddSingleton<WatchHandler>();
        services.AddSingleton(sp => new NodeApiConnector(
            NodeApiToken.LoadOrCreate(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.PkiDirectory)));
        return services;
    }

    /// <summary>The API's listeners: HTTPS on the gateway port, and plain HTTP on loopback only when asked for.</summary>
    public static void ListenForApi(this KestrelServerOptions kestrel, GatewayOptions options, GatewayCredentials credentials)
    {
        kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes + 1;
        kestrel.Listen(IPAddress.Parse(options.Address), options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(credentials.ServingCertificate);
        });
        if (options.InsecurePort > 0)
        {
            kestrel.Listen(IPAddress.Loopback, options.InsecurePort);
        }
    }

    /// <summary>
    /// Maps the API. <see cref="ApiGuard"/> confines it to the gateway's ports by the listener a request came in on,
    /// behind the admin bearer token (except the public <c>/version</c> and health paths).
    /// </summary>
    public static WebApplication MapKubernetesApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var guard = new ApiGuard(options, app.Services.GetRequiredService<GatewayCredentials>());
        app.Use(guard.InvokeAsync);
        // pods/exec is a WebSocket (kubectl 1.32's default); the middleware only acts on upgrade requests.
        app.UseWebSockets();
        app.MapDiscovery();
        app.MapResources();
        // Every path, also those whose last segment has a dot (the default fallback pattern skips "file" paths).
        app.MapFallback("{**path}", context => Responses.ErrorAsync(context,
            new ApiException(404, "NotFound", "the server could not find the requested resource")));
        return app;
    }
}
