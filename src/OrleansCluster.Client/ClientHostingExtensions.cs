using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansCluster.Api;
using OrleansCluster.Client.Security;
using OrleansCluster.Pki;

namespace OrleansCluster.Client;

/// <summary>Settings for connecting to a cluster.</summary>
public sealed class ClusterConnection
{
    /// <summary>The cluster's PostgreSQL, where the client finds the silos' gateways.</summary>
    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "orleanscluster";

    public string ServiceId { get; set; } = "orleanscluster";

    /// <summary>
    /// The folder holding the client credential: <c>client.crt</c> and <c>client.key</c> (a certificate from the
    /// cluster CA) and <c>ca.crt</c> (the CA the silos' certificates must chain to). Every silo writes them into its
    /// PKI folder (<c>.cluster/pki</c> in the quick start). Required unless <see cref="InsecureWithoutTls"/>.
    /// </summary>
    public string? PkiDirectory { get; set; }

    /// <summary>
    /// Connects without TLS, to silos started with <c>OrleansCluster:InsecureOrleansWithoutTls=true</c>. Insecure:
    /// anyone who can reach the silos' ports then reads and writes every object, bypassing the API's token.
    /// </summary>
    public bool InsecureWithoutTls { get; set; }
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
        var credential = connection.InsecureWithoutTls ? null : ClientCredential.Load(connection.PkiDirectory ??
            throw new InvalidOperationException(
                "ClusterConnection.PkiDirectory is not set: the cluster's silos accept only clients with a certificate from " +
                "its CA (client.crt, client.key and ca.crt in the cluster's PKI folder, .cluster/pki in the quick start)."));
        builder.UseOrleansClient(client =>
        {
            if (credential is not null)
            {
                client.UseTls(o => ClusterTls.Configure(o, credential.Certificate, credential.Trust));
            }

            client.Services.AddSingleton<IClientConnectionRetryFilter>(new TrustRefusalFilter(credential is null ? null : connection.PkiDirectory));

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
