using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// What clients of the Kubernetes API see while part of the cluster is gone: a SIGKILLed silo, a PostgreSQL restart.
/// Each refused call is a 503 <c>ServiceUnavailable</c> (with Retry-After) or 504 <c>Timeout</c> Status, never a bare
/// 500; no acknowledged write is lost; writes resume; <c>/readyz</c> says when a silo cannot reach its store.
/// </summary>
public sealed class UnavailabilityTests(ITestOutputHelper output)
{
    private const int Writers = 6;
    private const int CallsBefore = 300;
    private static readonly TimeSpan WritingAfterKill = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_SIGKILLed_silo_costs_API_clients_on_the_survivors_only_503_or_504_Status_answers_and_no_acknowledged_write()
    {
        var run = Stopwatch.StartNew();
        await using var cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(A_SIGKILLed_silo_costs_API_clients_on_the_survivors_only_503_or_504_Status_answers_and_no_acknowledged_write));
        var silos = await ApiSilo.StartAsync(cluster, "silo-1", "silo-2", "silo-3");
        var (victim, survivors) = (silos[2], silos[..2]);
        var apis = survivors.Select(s => s.Connect()).ToList();
        output.WriteLine($"3 API silos ready ({cluster.ReadyTimes()}) after {run.Elapsed.TotalSeconds:F1} s; writing through {string.Join(", ", survivors.Select(s => s.Silo.Name))}");

        var clock = Stopwatch.StartNew();
        var writers = new HttpPodWriters(apis, clock);
        using var stop = new CancellationTokenSource();
        var writing = await writers.StartAsync(Writers, CallsBefore, Patience, stop.Token);
        var refusedBefore = writers.Refused.Count + writers.Unanswered.Count;

        victim.Silo.Kill();
        var killedAt = clock.Elapsed;
        await Task.Delay(WritingAfterKill); // The scenario: keep calling through the failure.
        await stop.CancelAsync();
        await writing;
        Report(writers, killedAt, "the kill");

        Assert.Equal(0, refusedBefore);
        Assert.True(writers.Unanswered.Count == 0, $"calls without an answer: {string.Join('\n', writers.Unanswered.Take(10))}");
        Assert.All(writers.Refused, r => Assert.True(r.IsUnavailableStatus, r.ToString()));
        Assert.Contains(writers.Acked, a => a.At > killedAt + TimeSpan.FromSeconds(5));

        var client = await cluster.ConnectClientAsync();
        var lost = await WriteChecks.FindLostWritesAsync(client.Api, writers.Acked);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost or rolled back:\n{string.Join('\n', lost.Take(20))}");
        apis.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task A_PostgreSQL_restart_costs_API_clients_only_503_or_504_Status_answers_readyz_says_so_and_no_acknowledged_write()
    {
        var run = Stopwatch.StartNew();
        var postgres = await DedicatedPostgres.StartAsync();
        await using var cluster = new SiloCluster(postgres.ConnectionString, nameof(A_PostgreSQL_restart_costs_API_clients_only_503_or_504_Status_answers_readyz_says_so_and_no_acknowledged_write));
        var silos = await ApiSilo.StartAsync(cluster, "silo-1", "silo-2");
        var client = await cluster.ConnectClientAsync();
        var apis = silos.Select(s => s.Connect()).ToList();
        output.WriteLine($"2 API silos ready ({cluster.ReadyTimes()}) and a client connected after {run.Elapsed.TotalSeconds:F1} s");

        var clock = Stopwatch.StartNew();
        var writers = new HttpPodWriters(apis, clock);
        using var stop = new CancellationTokenSource();
        var writing = await writers.StartAsync(Writers, CallsBefore, Patience, stop.Token);
        var refusedBefore = writers.Refused.Count + writers.Unanswered.Count;
        var watch = PodWatch.Start(apis[0], clock, stop.Token);
        await watch.Opened.WaitAsync(Patience);
        var readiness = ReadinessLog.Start(silos.Select(s => s.Silo).ToList(), clock, stop.Token);

        await postgres.StopAsync();
        var stoppedAt = clock.Elapsed;
        var fromClient = await ClientLibraryAnswersAsync(client);
        await Eventually.True(() => Task.FromResult(silos.All(s => readiness.SawNotReady(s.Silo.Name, stoppedAt))), TimeSpan.FromSeconds(10),
            "/readyz 503 on every silo while PostgreSQL is down");
        await Task.Delay(Outage - (clock.Elapsed - stoppedAt)); // The scenario: the store stays down a while.
        await postgres.StartAgainAsync();
        var restartedAt = clock.Elapsed;
        output.WriteLine($"PostgreSQL down from {stoppedAt.TotalSeconds:F1} s to {restartedAt.TotalSeconds:F1} s");

        await Eventually.True(async () => (await Task.WhenAll(silos.Select(s => s.Silo.IsReadyAsync()))).All(r => r), Patience,
            "/readyz 200 on every silo after the restart");
        var readyAgainAt = clock.Elapsed;
        await Eventually.True(() => Task.FromResult(writers.Acked.Count(a => a.At > readyAgainAt) >= 50), Patience, "writes to resume");
        await Eventually.True(() => Task.FromResult(watch.Ended || watch.EventsAfter(readyAgainAt) > 0), TimeSpan.FromSeconds(15),
            $"the watch opened before the outage to go on or end, not hang ({watch})");
        await stop.CancelAsync();
        await writing;
        Report(writers, stoppedAt, "the stop");
        output.WriteLine($"/readyz 503 seen by silo: {string.Join(", ", silos.Select(s => $"{s.Silo.Name} {readiness.NotReadyWindow(s.Silo.Name)}"))}; ready again {(readyAgainAt - restartedAt).TotalSeconds:F1} s after the restart");
        output.WriteLine($"client library during the outage: {string.Join("; ", fromClient)}");
        output.WriteLine($"watch: {watch}");

        Assert.Equal(0, refusedBefore);
        Assert.True(writers.Unanswered.Count == 0, $"calls without an answer: {string.Join('\n', writers.Unanswered.Take(10))}");
        Assert.All(writers.Refused, r => Assert.True(r.IsUnavailableStatus, r.ToString()));
        Assert.Contains(writers.Refused, r => r.Started > stoppedAt && r.Ended < restartedAt);
        Assert.All(fromClient, f => Assert.StartsWith("ApiException 503 ServiceUnavailable", f, StringComparison.Ordinal));
        Assert.True(watch.Clean, watch.ToString());

        var lost = await WriteChecks.FindLostWritesAsync(client.Api, writers.Acked);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost or rolled back:\n{string.Join('\n', lost.Take(20))}");
        apis.ForEach(a => a.Dispose());
    }

    /// <summary>What a .NET caller of the client library gets for a create and a get while the store is down.</summary>
    private static async Task<List<string>> ClientLibraryAnswersAsync(ClientHost client)
    {
        var answers = new List<string>();
        Func<Task>[] calls =
        [
            () => client.Api.Pods.CreateAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "during-outage", NamespaceProperty = PodWriters.Namespace },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
            }),
            () => client.Api.Pods.GetAsync("never-written", PodWriters.Namespace),
        ];
        foreach (var call in calls)
        {
            try
            {
                await call();
                answers.Add("succeeded");
            }
            catch (ApiException e)
            {
                answers.Add($"ApiException {e.Code} {e.Reason}: {e.Message}");
            }
            catch (Exception e)
            {
                answers.Add($"{e.GetType().Name}: {e.Message}");
            }
        }

        return answers;
    }

    private void Report(HttpPodWriters writers, TimeSpan at, string what)
    {
        var acked = writers.Acked.ToList();
        output.WriteLine($"acknowledged writes: {acked.Count(a => a.At <= at)} before {what}, {acked.Count(a => a.At > at)} after; reads answered: {writers.Reads}; " +
            $"longest gap in acknowledged writes from {what}: {WriteChecks.LongestGapAfter(acked, at, acked.Max(a => a.At)).TotalMilliseconds:F0} ms");
        foreach (var group in writers.Refused.GroupBy(r => (r.Code, r.Reason, r.Op is "get" or "list" ? "read" : "write")))
        {
            output.WriteLine($"refused: {group.Count()} x {group.Key.Item3} {group.Key.Code} {group.Key.Reason} " +
                $"from +{(group.Min(r => r.Started) - at).TotalSeconds:F1} s to +{(group.Max(r => r.Ended) - at).TotalSeconds:F1} s " +
                $"(longest {group.Max(r => r.Ended - r.Started).TotalMilliseconds:F0} ms), e.g. {group.First()}");
        }

        foreach (var call in writers.Unanswered.Take(10))
        {
            output.WriteLine($"unanswered: {call}");
        }
    }
}
