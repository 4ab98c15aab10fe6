using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// One watch of the test namespace's pods over HTTPS, as <c>kubectl get pods -w</c> holds it: from the current list's
/// resourceVersion, every line read and timed, until the server ends the stream or the test stops.
/// </summary>
internal sealed class PodWatch
{
    private readonly ConcurrentQueue<(TimeSpan At, string Type, int? Code)> events = new();
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? failure;
    private volatile bool ended;

    private PodWatch()
    {
    }

    /// <summary>Completes once the server answered the watch with 200 (the stream is open); fails if it did not.</summary>
    public Task Opened => opened.Task;

    /// <summary>The server closed the stream (clients then watch again).</summary>
    public bool Ended => ended;

    /// <summary>Every line was an event, and an ERROR event carried a 503, 504 or 410 Status; no broken stream.</summary>
    public bool Clean => failure is null && events.All(e => e.Type != "ERROR" || e.Code is 503 or 504 or 410);

    public int EventsAfter(TimeSpan at) => events.Count(e => e.At > at && e.Type != "ERROR");

    public static PodWatch Start(KubeHttp api, Stopwatch clock, CancellationToken stop)
    {
        var watch = new PodWatch();
        _ = Task.Run(() => watch.RunAsync(api, clock, stop), CancellationToken.None);
        return watch;
    }

    public override string ToString() =>
        $"{events.Count} events ({string.Join(", ", events.GroupBy(e => e.Type).Select(g => $"{g.Count()} {g.Key}"))}), " +
        $"ended by the server: {ended}, errors: {string.Join(", ", events.Where(e => e.Type == "ERROR").Select(e => e.Code))}, failure: {failure ?? "none"}";

    private async Task RunAsync(KubeHttp api, Stopwatch clock, CancellationToken stop)
    {
        const string pods = $"/api/v1/namespaces/{PodWriters.Namespace}/pods";
        try
        {
            var list = await api.GetAsync($"{pods}?limit=1");
            var version = JsonDocument.Parse(list.Body).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{pods}?watch=true&resourceVersion={version}");
            using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            opened.TrySetResult();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                var e = JsonDocument.Parse(line).RootElement;
                var type = e.GetProperty("type").GetString()!;
                events.Enqueue((clock.Elapsed, type, type == "ERROR" ? e.GetProperty("object").GetProperty("code").GetInt32() : null));
            }

            ended = true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The test is done.
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            opened.TrySetException(new InvalidOperationException($"the watch did not open: {failure ?? "stopped"}"));
        }
    }
}

/// <summary>Each silo's <c>/readyz</c>, polled every 200 ms until the test stops.</summary>
internal sealed class ReadinessLog
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentQueue<(string Silo, TimeSpan At, bool Ready)> answers = new();

    public static ReadinessLog Start(IReadOnlyList<SiloProcess> silos, Stopwatch clock, CancellationToken stop)
    {
        var log = new ReadinessLog();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var silo in silos)
                {
                    log.answers.Enqueue((silo.Name, clock.Elapsed, await silo.IsReadyAsync()));
                }

                await Task.Delay(Every, CancellationToken.None);
            }
        }, CancellationToken.None);
        return log;
    }

    public bool SawNotReady(string silo, TimeSpan after) => answers.Any(a => a.Silo == silo && a.At > after && !a.Ready);

    /// <summary>From the first to the last 503 of <paramref name="silo"/>, for the report.</summary>
    public string NotReadyWindow(string silo)
    {
        var down = answers.Where(a => a.Silo == silo && !a.Ready).Select(a => a.At).ToList();
        return down.Count == 0 ? "never" : $"{down.Min().TotalSeconds:F1}–{down.Max().TotalSeconds:F1} s ({down.Count} answers)";
    }
}
