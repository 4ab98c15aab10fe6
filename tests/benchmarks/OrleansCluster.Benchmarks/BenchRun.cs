using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Client;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// One pass of every phase, in a fixed order, through the client library and (with a kubeconfig) through the HTTPS
/// gateway: writes and lists alternate between the two step by step; the watch runs through each in turn.
/// </summary>
public static class BenchRun
{
    public static async Task<RunResult> RunAsync(BenchSettings settings)
    {
        var result = new RunResult
        {
            RunId = settings.RunId,
            Started = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
        };
        var cpu = new CpuProbe(settings.SiloPid, settings.PostmasterPid);
        if (settings.SiloPid is null || settings.PostmasterPid is null)
        {
            result.Notes.Add("no --silo-pid/--pg-pid: CPU per operation of the silo and PostgreSQL not measured");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansClusterClient(c =>
        {
            c.ConnectionString = settings.ConnectionString;
            c.PkiDirectory = settings.PkiDirectory;
            c.InsecureWithoutTls = settings.InsecureWithoutTls;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<OrleansClusterClient>();
        using var gateway = settings.Kubeconfig is { } kubeconfig ? HttpPodApi.FromKubeconfig(kubeconfig, settings.Http2) : null;
        IReadOnlyList<IPodApi> apis = gateway is null ? [new LibraryPodApi(client)] : [new LibraryPodApi(client), gateway];
        foreach (var api in apis)
        {
            result.Notes.Add($"API {(api.Prefix.Length == 0 ? "(no prefix)" : api.Prefix)}: {api.Description}");
        }

        if (settings.Scenario == "scheduling")
        {
            await PhaseAsync("scheduling", () => new SchedulingPhase(client, settings, cpu).RunAsync());
            await PhaseAsync("floor", () => new FloorPhase(settings, cpu).RunAsync());
            AddRatio("ratio.sched/floor-first-write", "sched.rate", "floor.first-write.rate",
                "pods bound/s over the floor's first writes/s, same run (each pod costs a create, a bind and best-effort events)");
        }
        else if (settings.Scenario == "pods")
        {
            await PhaseAsync("podstart", () => new PodStartPhase(client, settings).RunAsync());
        }
        else
        {
            if (settings.Runs("writes"))
            {
                await PhaseAsync("writes", () => new WritePhase(apis, settings, cpu).RunAsync());
            }

            if (settings.Runs("lists"))
            {
                await PhaseAsync("lists", () => new ListPhase(apis, settings, cpu).RunAsync());
            }

            foreach (var api in apis.Where(_ => settings.Runs("watch")))
            {
                await PhaseAsync($"{api.Prefix}watch", () => new WatchPhase(api, settings, cpu).RunAsync());
            }

            if (settings.Runs("floor"))
            {
                await PhaseAsync("floor", () => new FloorPhase(settings, cpu).RunAsync());
            }

            result.Metrics.AddRange(Comparison.Ratios(result.Metrics));
            AddRatio("ratio.update-max/floor", "update.max.rate", "floor.rate", "our label patches/s over the floor's grain writes/s, same run");
        }

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(stopping.Token);
        return result;

        void AddRatio(string name, string over, string under, string note)
        {
            var top = result.Metrics.FirstOrDefault(m => m.Name == over)?.Value ?? double.NaN;
            var bottom = result.Metrics.FirstOrDefault(m => m.Name == under)?.Value ?? double.NaN;
            result.Metrics.Add(new Metric(name, top / bottom, "×", Note: note));
        }

        async Task PhaseAsync(string name, Func<Task<List<Metric>>> phase)
        {
            var start = Stopwatch.GetTimestamp();
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}...");
            try
            {
                result.Metrics.AddRange(await phase());
                Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name} done in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
            }
            catch (Exception e)
            {
                // Report what the other phases measured; the failure is in the notes and the phase's figures are absent.
                result.Notes.Add($"phase {name} failed after {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s: {e.GetType().Name}: {e.Message}");
                Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name} FAILED: {e}");
            }
        }
    }
}
