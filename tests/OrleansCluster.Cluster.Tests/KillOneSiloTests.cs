using System.Diagnostics;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// Three silo processes on one database and a client writing continuously; the silo hosting the most pod grains
/// (every silo is also a gateway the client sends through) is SIGKILLed mid-run.
/// </summary>
public sealed class KillOneSiloTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int WritesBeforeKill = 400;
    private static readonly TimeSpan WritingAfterKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Acknowledged_writes_survive_a_SIGKILLed_silo_and_writes_resume_within_5_s()
    {
        var run = Stopwatch.StartNew();
        await using var cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(KillOneSiloTests));
        await cluster.StartSilosAsync("silo-1", "silo-2", "silo-3");
        var client = await cluster.ConnectClientAsync();
        output.WriteLine($"3 silos ready ({cluster.ReadyTimes()}) and client connected after {run.Elapsed.TotalSeconds:F1} s");

        var clock = Stopwatch.StartNew();
        var writers = new PodWriters(client.Api, clock);
        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(Writers, stop.Token);
        await Eventually.True(() => Task.FromResult(writers.Acked.Count >= WritesBeforeKill),
            TimeSpan.FromSeconds(30), $"{WritesBeforeKill} acknowledged writes (failed so far: {writers.Failed.Count})");

        var hosted = await Placement.ObjectGrainsBySiloPortAsync(client.Orleans);
        var victim = cluster.Silos.MaxBy(s => hosted.GetValueOrDefault(s.SiloPort))!;
        var survivors = cluster.Silos.Where(s => s != victim).ToList();
        victim.Kill();
        var killedAt = clock.Elapsed;
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} SIGKILLed {victim.Name} hosting {hosted.GetValueOrDefault(victim.SiloPort)} of {hosted.Values.Sum()} object grains, " +
            $"after {writers.Acked.Count} acknowledged writes");

        await Task.Delay(WritingAfterKill); // The scenario: keep writing through the failure.
        await stop.CancelAsync();
        await writing;
        var end = clock.Elapsed;

        var acked = writers.Acked.ToList();
        var gap = WriteChecks.LongestGapAfter(acked, killedAt, end);
        var firstAfter = acked.Where(a => a.At > killedAt).Select(a => a.At - killedAt).DefaultIfEmpty(end - killedAt).Min();
        output.WriteLine($"acknowledged {acked.Count(a => a.At <= killedAt)} writes before the kill, {acked.Count(a => a.At > killedAt)} after; " +
            $"first after the kill +{firstAfter.TotalMilliseconds:F0} ms; longest gap spanning the kill {gap.TotalMilliseconds:F0} ms");
        var perWriter = acked.GroupBy(a => a.Writer).OrderBy(g => g.Key)
            .Select(g => WriteChecks.LongestGapAfter(g, killedAt, end)).ToList();
        output.WriteLine($"longest gap per writer: {string.Join(", ", perWriter.Select(g => $"{g.TotalMilliseconds:F0} ms"))}");
        foreach (var group in writers.Failed.GroupBy(f => f.Error.Split(':')[0]))
        {
            var worst = group.Max(f => f.Ended - f.Started);
            output.WriteLine($"failed: {group.Count()} x {group.Key} (longest {worst.TotalMilliseconds:F0} ms), e.g. {group.First().Error}");
        }

        Assert.DoesNotContain(writers.Failed, f => f.Ended < killedAt);
        Assert.True(gap <= MaxGap, $"writes stalled {gap.TotalSeconds:F1} s after the kill (limit {MaxGap.TotalSeconds} s)");
        Assert.All(perWriter, g => Assert.True(g <= MaxGap, $"a writer stalled {g.TotalSeconds:F1} s after the kill (limit {MaxGap.TotalSeconds} s)"));

        var lost = await WriteChecks.FindLostWritesAsync(client.Api, acked);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost or rolled back:\n{string.Join('\n', lost.Take(20))}");

        foreach (var silo in survivors)
        {
            Assert.False(silo.HasExited, $"{silo.Name} exited\n{silo.Tail()}");
            Assert.True(await silo.IsReadyAsync(), $"{silo.Name} is not ready\n{silo.Tail()}");
        }

        var survivorPorts = survivors.Select(s => s.SiloPort).ToHashSet();
        await Eventually.True(async () => (await Placement.ActiveSiloPortsAsync(client.Orleans)).SetEquals(survivorPorts),
            TimeSpan.FromSeconds(10), $"membership to list only the survivors");
        var hostedAfter = await Placement.ObjectGrainsBySiloPortAsync(client.Orleans);
        Assert.All(survivors, s => Assert.True(hostedAfter.GetValueOrDefault(s.SiloPort) > 0, $"{s.Name} hosts no object grain"));
        output.WriteLine($"object grains after: {string.Join(", ", survivors.Select(s => $"{s.Name} {hostedAfter.GetValueOrDefault(s.SiloPort)}"))}; " +
            $"test ran {run.Elapsed.TotalSeconds:F1} s");
    }
}
