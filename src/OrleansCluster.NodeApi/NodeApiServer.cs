using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>
/// The node API as its own Kestrel server on 127.0.0.1:<see cref="NodeApiOptions.Port"/>, apart from the gateway's
/// listeners and middleware: only the bearer token of <see cref="NodeApiToken"/> gets in.
/// </summary>
public sealed class NodeApiServer(NodeApiOptions options, NodeRuntimes runtimes, TimeProvider? time = null, ILoggerFactory? loggers = null)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var token = NodeApiToken.LoadOrCreate(options.PkiDirectory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(runtimes);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        app = builder.Build();
        app.UseWebSockets();
        app.MapNodeApi(token);
        await app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }
    }
}
