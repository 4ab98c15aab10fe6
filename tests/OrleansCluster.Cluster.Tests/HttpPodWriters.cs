using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Cluster.Tests;

/// <summary>A non-2xx answer of the API, with what its body says when it is a <c>metav1.Status</c>.</summary>
internal sealed record RefusedCall(int Writer, string Op, int Code, string? Reason, bool IsStatus, string? RetryAfter, string Body, TimeSpan Started, TimeSpan Ended)
{
    /// <summary>What a client is told when the cluster cannot serve for a moment: a 503 Status with Retry-After, or a 504 Status.</summary>
    public bool IsUnavailableStatus => IsStatus && (Code, Reason) is (503, "ServiceUnavailable") or (504, "Timeout")
        && (Code == 504 || RetryAfter is not null);

    public override string ToString() =>
        $"{Op} by writer {Writer} at {Started.TotalSeconds:F1} s: {Code} {Reason ?? "(no Status)"} Retry-After {RetryAfter ?? "-"}: {Body[..Math.Min(Body.Length, 300)]}";
}

/// <summary>A call that got no HTTP answer at all (connection failed, client timeout).</summary>
internal sealed record UnansweredCall(int Writer, string Op, string Error, TimeSpan Started, TimeSpan Ended);

/// <summary>
/// Clients of the Kubernetes API over HTTPS, as kubectl or an operator would be: writer i sends through
/// <c>apis[i % apis.Count]</c>, cycling create (new name), merge-patch of a new label onto one of its pods, get of one
/// of its pods, and list of its pods by label, one call at a time. Acknowledged writes are recorded as
/// <see cref="AckedWrite"/> for <see cref="WriteChecks"/>; every other answer is recorded as it came.
/// </summary>
internal sealed class HttpPodWriters(IReadOnlyList<KubeHttp> apis, Stopwatch clock)
{
    private const int MaxCallsPerWriter = 100_000;
    private const string Pods = $"/api/v1/namespaces/{PodWriters.Namespace}/pods";

    private readonly ConcurrentQueue<AckedWrite> acked = new();
    private readonly ConcurrentQueue<RefusedCall> refused = new();
    private readonly ConcurrentQueue<UnansweredCall> unanswered = new();
    private int reads;

    public IReadOnlyCollection<AckedWrite> Acked => acked;

    public IReadOnlyCollection<RefusedCall> Refused => refused;

    public IReadOnlyCollection<UnansweredCall> Unanswered => unanswered;

    public int Reads => Volatile.Read(ref reads);

    /// <summary>Starts <paramref name="writers"/> writers; returns their task once <paramref name="acknowledged"/> writes were acknowledged.</summary>
    public async Task<Task> StartAsync(int writers, int acknowledged, TimeSpan timeout, CancellationToken stop)
    {
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => LoopAsync(w, stop), CancellationToken.None)));
        await Eventually.True(() => Task.FromResult(acked.Count >= acknowledged), timeout, $"{acknowledged} acknowledged writes");
        return writing;
    }

    private async Task LoopAsync(int writer, CancellationToken stop)
    {
        var api = apis[writer % apis.Count];
        var mine = new List<string>();
        for (var n = 0; n < MaxCallsPerWriter && !stop.IsCancellationRequested; n++)
        {
            var op = mine.Count == 0 ? "create" : (n % 4) switch { 0 => "create", 1 => "patch", 2 => "get", _ => "list" };
            var pod = op == "create" ? $"h{writer}-{n}" : mine[Random.Shared.Next(mine.Count)];
            var label = (Key: $"l{n}", Value: $"v{n}");
            var started = clock.Elapsed;
            try
            {
                var answer = op switch
                {
                    "create" => await api.PostAsync(Pods, NewPod(pod, writer)),
                    "patch" => await api.MergePatchAsync($"{Pods}/{pod}", $$$$"""{"metadata":{"labels":{"{{{{label.Key}}}}":"{{{{label.Value}}}}"}}}"""),
                    "get" => await api.GetAsync($"{Pods}/{pod}"),
                    _ => await api.GetAsync($"{Pods}?labelSelector=writer%3Dw{writer}"),
                };
                if (!answer.Ok)
                {
                    refused.Enqueue(Refusal(writer, op, answer, started));
                    continue;
                }

                if (op is "get" or "list")
                {
                    Interlocked.Increment(ref reads);
                    continue;
                }

                var metadata = JsonDocument.Parse(answer.Body).RootElement.GetProperty("metadata");
                acked.Enqueue(new AckedWrite(writer, pod, metadata.GetProperty("uid").GetString()!,
                    long.Parse(metadata.GetProperty("resourceVersion").GetString()!, CultureInfo.InvariantCulture),
                    op == "patch" ? label.Key : null, op == "patch" ? label.Value : null, clock.Elapsed));
                if (op == "create")
                {
                    mine.Add(pod);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                unanswered.Enqueue(new UnansweredCall(writer, op, $"{e.GetType().Name}: {e.Message}", started, clock.Elapsed));
            }
        }
    }

    private RefusedCall Refusal(int writer, string op, KubeAnswer answer, TimeSpan started)
    {
        string? reason = null;
        var isStatus = false;
        try
        {
            var body = JsonDocument.Parse(answer.Body).RootElement;
            isStatus = body.GetProperty("kind").GetString() == "Status" && body.GetProperty("code").GetInt32() == answer.Code
                && !string.IsNullOrEmpty(body.GetProperty("message").GetString());
            reason = body.GetProperty("reason").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not a Status: recorded as such.
        }

        return new RefusedCall(writer, op, answer.Code, reason, isStatus, answer.RetryAfter, answer.Body, started, clock.Elapsed);
    }

    private static string NewPod(string name, int writer) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"load","writer":"w{{{writer}}}"}},"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}""";
}
