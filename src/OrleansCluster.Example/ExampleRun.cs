using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Client;

namespace OrleansCluster.Example;

/// <summary>Connects to a cluster the way any .NET program would, and takes <see cref="ClientTour"/> through it.</summary>
public static class ExampleRun
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Connects with <paramref name="connectionString"/> and the client credential in <paramref name="pkiDirectory"/>.</summary>
    public static async Task<TourResult> RunAsync(string connectionString, string pkiDirectory, TextWriter output, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansClusterClient(c =>
        {
            c.ConnectionString = connectionString;
            c.PkiDirectory = pkiDirectory;
        });
        using var host = builder.Build();
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connecting.CancelAfter(ConnectTimeout);
            try
            {
                await host.StartAsync(connecting.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"no silo answered within {ConnectTimeout.TotalSeconds:F0} s: is the cluster up (deploy/cluster-up.sh)?");
            }
        }

        output.WriteLine("connected to the cluster");
        try
        {
            var client = host.Services.GetRequiredService<OrleansClusterClient>();
            return await new ClientTour(client, output).RunAsync(ct);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
