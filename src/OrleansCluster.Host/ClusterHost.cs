using System.Net;
using OrleansCluster.Gateway;
using OrleansCluster.Gateway.Security;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Node;
using OrleansCluster.NodeApi;
using OrleansCluster.Store.Migrations;

namespace OrleansCluster.Host;

/// <summary>
/// Builds one silo process: migrations, the Orleans silo with its roles, the health endpoints and (role
/// <c>gateway</c>) the Kubernetes API. <c>Program</c> runs it; end-to-end tests host it in-process the same way.
/// </summary>
public static class ClusterHost
{
    /// <summary>The application to run, or null after a <c>migrate</c> run or when the configuration is incomplete.</summary>
    public static async Task<WebApplication?> BuildAsync(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection(HostSettings.Section).Get<HostSettings>() ?? new HostSettings();
        if (string.IsNullOrEmpty(settings.ConnectionString))
        {
            await Console.Error.WriteLineAsync("OrleansCluster:ConnectionString is not set (e.g. --OrleansCluster:ConnectionString=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=orleanscluster\").");
            return null;
        }

        if (settings.Migrate || args.Contains("migrate"))
        {
            await MigrationRunner.EnsureDatabaseAsync(settings.ConnectionString);
            await MigrationRunner.ApplyAsync(settings.ConnectionString);
            if (args.Contains("migrate"))
            {
                return null;
            }
        }

        var gateway = settings.Has("gateway");
        if (gateway)
        {
            builder.Services.AddKubernetesGateway(o =>
            {
                o.Port = settings.Gateway.Port;
                o.Address = settings.Gateway.Address;
                o.InsecurePort = settings.Gateway.InsecurePort;
                o.PkiDirectory = settings.Gateway.PkiDirectory;
                o.MaxWatchesPerClient = settings.Gateway.MaxWatchesPerClient;
            });
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(settings.Address), settings.HttpPort);
            if (gateway)
            {
                kestrel.ListenForApi(settings.Gateway, kestrel.ApplicationServices.GetRequiredService<GatewayCredentials>());
            }
        });
        builder.UseOrleans(silo => SiloSetup.Configure(silo, settings));
        builder.Services.AddHostedService<GcPauseLog>();
        if (settings.Has("node"))
        {
            // Registered after the silo, so it starts once the silo runs. The node is reached at the silo's own
            // address unless configured otherwise.
            settings.Node.Address = builder.Configuration[$"{HostSettings.Section}:Node:Address"] ?? settings.Address;
            builder.Services.AddNodeAgent(settings.Node);
            // kubelet's server: logs and exec of this process's nodes, reached by the gateway with the shared token.
            builder.Services.AddNodeApi(o =>
            {
                o.Port = settings.Node.KubeletPort;
                o.PkiDirectory = settings.Gateway.PkiDirectory;
            });
        }

        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        // Ready: the control plane has started and its store answers (StoreProbe); /healthz only says the process lives.
        app.MapGet("/readyz", (IServiceProvider services) =>
            services.GetService<ControlPlaneReadiness>() is { IsReady: false } readiness
                ? Results.Text(readiness.Status, statusCode: 503)
                : Results.Text("ok"));
        if (gateway)
        {
            app.MapKubernetesApi();
            WriteKubeconfig(app, settings);
        }

        return app;
    }

    /// <summary>Path of the kubeconfig the gateway on <paramref name="port"/> writes into the PKI folder.</summary>
    public static string KubeconfigPath(string pkiDirectory, int port) => Path.Combine(pkiDirectory, $"kubeconfig-{port}");

    private static void WriteKubeconfig(WebApplication app, HostSettings settings)
    {
        var credentials = app.Services.GetRequiredService<GatewayCredentials>();
        File.WriteAllText(KubeconfigPath(credentials.Directory, settings.Gateway.Port),
            Kubeconfig.Render(credentials, $"https://127.0.0.1:{settings.Gateway.Port}"));
    }
}
