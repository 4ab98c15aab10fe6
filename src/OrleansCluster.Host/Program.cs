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

builder.WebHost.UseUrls($"http://{settings.Address}:{settings.HttpPort}");
builder.UseOrleans(silo => SiloSetup.Configure(silo, settings));

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/readyz", (IServiceProvider services) =>
    services.GetService<ControlPlaneReadiness>() is { IsReady: false }
        ? Results.Text("starting", statusCode: 503)
        : Results.Text("ok"));
await app.RunAsync();
return 0;
