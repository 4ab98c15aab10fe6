using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace OrleansCluster.Client;

/// <summary>Settings for connecting to a cluster.</summary>
public sealed class ClusterConnection
{
    /// <summary>The cluster's PostgreSQL, where the client finds the silos' gateways.</summary>
    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "orleanscluster";

    public string ServiceId { get; set; } = "orleanscluster";
}

public static class ClientHostingExtensions
{
    /// <summary>
    /// Connects this host to an OrleansCluster and registers <see cref="OrleansClusterClient"/>.
    /// The client finds live silos through the cluster's membership table and moves to another when one dies.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansClusterClient(
        this IHostApplicationBuilder builder, Action<ClusterConnection> configure)
    {
        var connection = new ClusterConnection();
        configure(connection);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = connection.ClusterId;
                o.ServiceId = connection.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connection.ConnectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.Services.AddSingleton<GatewayLossCallBreaker>();
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<GatewayLossCallBreaker>());
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<GatewayLossCallBreaker>());
            client.AddOutgoingGrainCallFilter<StoreUnavailableAsApiError>();
        });
        builder.Services.AddSingleton(sp => new OrleansClusterClient(sp.GetRequiredService<IClusterClient>()));
        return builder;
    }
}
