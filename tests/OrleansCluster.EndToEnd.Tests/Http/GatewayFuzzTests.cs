using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// Thousands of random and mutated requests through raw HTTP (seeded: the seed is printed, and
/// <c>GATEWAY_FUZZ_SEED</c> replays it): never a 5xx, every error a Status, and nothing left behind by a refused request.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class GatewayFuzzTests(GatewayCluster cluster, ITestOutputHelper output) : IDisposable
{
    private const int Requests = 10_000;
    private const int Workers = 8;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly string[] Collections =
        ["/api/v1/pods", "/api/v1/services", "/api/v1/events", "/apis/coordination.k8s.io/v1/leases", "/api/v1/nodes", "/api/v1/namespaces"];

    private readonly ApiHttp api = new(cluster, userAgent: "gateway-fuzz");

    public void Dispose() => api.Dispose();

    private sealed record Stored(string Collection, string? Namespace, string Name, string? InvolvedUid);

    [Fact]
    public async Task Random_requests_get_no_5xx_only_Status_errors_and_refused_ones_leave_nothing_behind()
    {
        var seed = Environment.GetEnvironmentVariable("GATEWAY_FUZZ_SEED") is { } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (GATEWAY_FUZZ_SEED={seed} replays it)");
        foreach (var ns in FuzzRequests.OwnNamespaces)
        {
            await api.CreateNamespaceAsync(ns);
        }

        var before = await StoredAsync();
        var generator = new FuzzRequests(new Random(seed));
        var requests = Enumerable.Range(0, Requests).Select(generator.Next).ToList();
        var answered = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentQueue<string>();
        var codes = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests.Count && clock.Elapsed < Budget)
                {
                    var code = await SendAsync(requests[i], answered, failures);
                    codes.AddOrUpdate(code, 1, (_, n) => n + 1);
                }
            })));
            var sent = codes.Values.Sum();
            output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1} s: "
                + string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}")));
            Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} bad answers; the first ones:\n" + string.Join("\n\n", failures.Take(10)));
            Assert.True(sent >= Requests / 3, $"only {sent} requests in {Budget}");

            var after = await StoredAsync();
            var leftovers = after
                .Where(o => !before.ContainsKey(o.Key) && !answered.ContainsKey(o.Key))
                .Where(o => o.Value.InvolvedUid is not { } involved || !(before.ContainsKey(involved) || answered.ContainsKey(involved)))
                .Select(o => $"{o.Value.Collection} {o.Value.Namespace}/{o.Value.Name} (uid {o.Key})")
                .ToList();
            Assert.True(leftovers.Count == 0, $"seed {seed}: objects no 2xx answer created:\n" + string.Join("\n", leftovers));
        }
        finally
        {
            await CleanUpAsync(before);
        }
    }

    /// <summary>Sends one request; notes a bad answer in <paramref name="failures"/>; returns the status code (0: no answer).</summary>
    private async Task<int> SendAsync(FuzzRequest request, ConcurrentDictionary<string, byte> answered, ConcurrentQueue<string> failures)
    {
        HttpRequestMessage message;
        try
        {
            // Absolute, so that a path starting with "//" stays a path.
            // Sent as generated: the client must not resolve dot segments the server is meant to refuse (only what
            // may not stand in a request line at all is escaped, as any HTTP client does).
            message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(
                api.Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + EscapeForRequestLine(request.Path),
                new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        }
        catch (UriFormatException)
        {
            return -1;
        }

        using (message)
        {
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                }
            }

            if (request.Header is var (name, value))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Accept is not null)
            {
                message.Headers.TryAddWithoutValidation("Accept", request.Accept);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            HttpResponseMessage response;
            try
            {
                response = await api.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Enqueue($"{request}\n  => no answer: {e.Message}");
                return 0;
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                if (code is >= 200 and < 300)
                {
                    // A watch stream is not read (it ends by itself); what a write answered is noted as made by a 2xx.
                    if (request.Method is "POST" or "PUT" or "PATCH" && response.Content.Headers.ContentLength is not null)
                    {
                        NoteAnswered(await response.Content.ReadAsStringAsync(cts.Token), answered);
                    }

                    return code;
                }

                var body = request.Method == "HEAD" ? null : await response.Content.ReadAsStringAsync(cts.Token);
                var problem = code >= 500 ? "a server error" : body is null ? null : NotAStatus(code, body);
                if (problem is not null)
                {
                    failures.Enqueue($"{request}\n  => {code} {response.Content.Headers.ContentType}: {problem}\n  {Truncate(body)}");
                }

                return code;
            }
        }
    }

    private static string EscapeForRequestLine(string target)
    {
        var builder = new System.Text.StringBuilder(target.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F && !"\"<>\\^`{|}".Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string? NotAStatus(int code, string body)
    {
        try
        {
            var status = JsonDocument.Parse(body).RootElement;
            return status.GetProperty("kind").GetString() == "Status" && status.GetProperty("code").GetInt32() == code
                && status.GetProperty("status").GetString() == "Failure" && status.TryGetProperty("reason", out _)
                ? null
                : "not a Status with this code";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"not a Status ({e.Message})";
        }
    }

    private static void NoteAnswered(string json, ConcurrentDictionary<string, byte> answered)
    {
        try
        {
            if (JsonDocument.Parse(json).RootElement.TryGetProperty("metadata", out var meta)
                && meta.TryGetProperty("uid", out var uid) && uid.GetString() is { } id)
            {
                answered[id] = 0;
            }
        }
        catch (JsonException)
        {
            // Not an object answer.
        }
    }

    /// <summary>Every stored object of the kinds the fuzz can make, by uid.</summary>
    private async Task<Dictionary<string, Stored>> StoredAsync()
    {
        var all = new Dictionary<string, Stored>(StringComparer.Ordinal);
        foreach (var collection in Collections)
        {
            var list = await api.GetAsync(collection);
            Assert.True(list.Code == 200, list.Body);
            foreach (var item in list.Json.GetProperty("items").EnumerateArray())
            {
                var meta = item.GetProperty("metadata");
                var involved = item.TryGetProperty("involvedObject", out var o) && o.TryGetProperty("uid", out var u) ? u.GetString() : null;
                all[meta.GetProperty("uid").GetString()!] = new Stored(collection, meta.TryGetProperty("namespace", out var ns) ? ns.GetString() : null,
                    meta.GetProperty("name").GetString()!, involved);
            }
        }

        return all;
    }

    /// <summary>Deletes what the fuzz made, so later tests see the cluster as before.</summary>
    private async Task CleanUpAsync(Dictionary<string, Stored> before)
    {
        foreach (var (uid, o) in await StoredAsync())
        {
            if (before.ContainsKey(uid) || FuzzRequests.OwnNamespaces.Contains(o.Namespace))
            {
                continue;
            }

            var path = o.Namespace is null ? $"{o.Collection}/{Uri.EscapeDataString(o.Name)}"
                : o.Collection.Replace("/v1/", $"/v1/namespaces/{o.Namespace}/", StringComparison.Ordinal) + "/" + Uri.EscapeDataString(o.Name);
            await api.SendAsync(HttpMethod.Delete, path);
        }

        foreach (var ns in FuzzRequests.OwnNamespaces)
        {
            await api.SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}");
        }
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length > 500 ? text[..500] + "..." : text;
}
