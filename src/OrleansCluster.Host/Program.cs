using System.Net;
using OrleansCluster.Gateway;
using OrleansCluster.Gateway.Security;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Host;
using OrleansCluster.Store.Migrations;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(HostSettings.Section).Get<HostSettings>() ?? new HostSettings();
if (string.IsNullOrEmpty(settings.ConnectionString))
{
    Console.Error.WriteLine("OrleansCluster:ConnectionString is not set (e.g. --OrleansCluster:ConnectionString=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=orleanscluster\").");
    return 2;
}

if (settings.Migrate || args.Contains("migrate"))
{
    await MigrationRunner.EnsureDatabaseAsync(settings.ConnectionString);
    await MigrationRunner.ApplyAsync(settings.ConnectionString);
    if (args.Contains("migrate"))
    {
        return 0;
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

builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    kestrel.Listen(IPAddress.Parse(settings.Address), settings.HttpPort);
    if (gateway)
    {
        var credentials = kestrel.ApplicationServices.GetRequiredService<GatewayCredentials>();
        kestrel.ListenForApi(settings.Gateway, credentials);
    }
});
builder.UseOrleans(silo => SiloSetup.Configure(silo, settings));

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/readyz", (IServiceProvider services) =>
    services.GetService<ControlPlaneReadiness>() is { IsReady: false }
        ? Results.Text("starting", statusCode: 503)
        : Results.Text("ok"));
if (gateway)
{
    app.MapKubernetesApi();
    var credentials = app.Services.GetRequiredService<GatewayCredentials>();
    var kubeconfig = Path.Combine(credentials.Directory, $"kubeconfig-{settings.Gateway.Port}");
    File.WriteAllText(kubeconfig, Kubeconfig.Render(credentials, $"https://127.0.0.1:{settings.Gateway.Port}"));
}

await app.RunAsync();
return 0;
