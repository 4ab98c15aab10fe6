using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Client;

namespace OrleansCluster.Cluster.Tests;

/// <summary>A .NET app using the client library, as users write it: a generic host with <c>AddOrleansClusterClient</c>.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost host;
    private bool disposed;

    private ClientHost(IHost host) => this.host = host;

    public OrleansClusterClient Api => host.Services.GetRequiredService<OrleansClusterClient>();

    public IClusterClient Orleans => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects with the client credential in <paramref name="pkiDirectory"/> (or none, when <paramref name="configure"/> says so).</summary>
    public static async Task<ClientHost> ConnectAsync(
        string connectionString, string pkiDirectory, TimeSpan timeout, Action<ClusterConnection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansClusterClient(c =>
        {
            c.ConnectionString = connectionString;
            c.PkiDirectory = pkiDirectory;
            configure?.Invoke(c);
        });
        var client = new ClientHost(builder.Build());
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await client.host.StartAsync(deadline.Token);
        }
        catch
        {
            client.host.Dispose();
            throw;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A client whose silos are all gone may not stop cleanly; it is discarded either way.
        }

        host.Dispose();
    }
}
