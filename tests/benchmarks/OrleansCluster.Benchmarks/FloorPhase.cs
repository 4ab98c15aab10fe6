using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// The raw grain-write floor in the same run: <see cref="BenchSettings.Workers"/> concurrent writers re-writing
/// existing floor grains for the closed-loop duration. Grains are called in-process (no client-to-gateway hop).
/// </summary>
public sealed class FloorPhase(BenchSettings settings, CpuProbe cpu)
{
    public async Task<List<Metric>> RunAsync()
    {
        var host = await FloorSilo.StartAsync(settings.ConnectionString, settings.RunId);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var keys = settings.FloorKeys - settings.FloorKeys % settings.Workers;
            IFloorGrain Grain(int i) => grains.GetGrain<IFloorGrain>($"floor/{settings.RunId}/{i.ToString(CultureInfo.InvariantCulture)}");

            // First writes (activate, read a missing row, insert), which also warm the silo up.
            var next = -1;
            var first = await Load.ClosedLoopAsync(settings.Workers, TimeSpan.FromMinutes(2), keys,
                (_, seq) => Grain(Interlocked.Increment(ref next)).Write(seq));

            var before = cpu.Read();
            var floor = await Load.ClosedLoopAsync(settings.Workers, settings.ClosedDuration, settings.ClosedMaxOperations,
                (w, seq) => Grain((w + seq * settings.Workers) % keys).Write(seq));
            return
            [
                new Metric("floor.first-write.rate", first.PerSecond, "writes/s", Note: $"{first.Completed} new grains"),
                new Metric("floor.rate", floor.PerSecond, "writes/s",
                    Note: $"closed loop, {settings.Workers} concurrent re-writes, {floor.Elapsed.TotalSeconds:F1} s"),
                new Metric("floor.p50", floor.Latencies.Percentile(50), "ms"),
                new Metric("floor.p99", floor.Latencies.Percentile(99), "ms"),
                new Metric("floor.errors", first.Failed + floor.Failed, "count", 0, first.FirstError ?? floor.FirstError),
                .. CpuProbe.Usage("floor", before, cpu.Read(), floor.Completed),
            ];
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stopping.Token);
            host.Dispose();
        }
    }
}
