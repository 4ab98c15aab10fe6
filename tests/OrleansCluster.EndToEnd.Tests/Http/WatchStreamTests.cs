using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansCluster.Gateway;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>Watch streams through raw HTTP: the per-client limit, timeouts, quiet streams and bookmarks.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class WatchStreamTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-watches";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task One_watch_more_than_the_limit_from_one_client_is_429_and_a_freed_slot_is_reusable()
    {
        await api.CreateNamespaceAsync(Ns);
        var limit = new GatewayOptions().MaxWatchesPerClient;
        // One client is one address and user agent; HTTP/2 carries the watches over a few connections.
        using var client = new ApiHttp(cluster, userAgent: $"watch-limit-{Guid.NewGuid():N}", version: HttpVersion.Version20);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var open = new List<HttpResponseMessage>();
        try
        {
            var opening = Enumerable.Range(0, limit).Select(_ => client.Client.SendAsync(
                new HttpRequestMessage(HttpMethod.Get, $"{Pods}?watch=true"), HttpCompletionOption.ResponseHeadersRead, cts.Token));
            open.AddRange(await Task.WhenAll(opening));
            Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            var refused = await client.GetAsync($"{Pods}?watch=true");
            refused.AssertStatus(429, "TooManyRequests");
            var other = await api.GetAsync($"{Pods}?watch=true&timeoutSeconds=1");
            Assert.True(other.Code == 200, $"another client is not limited: {other.Body}");

            open[0].Dispose();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            ApiResponse again;
            do
            {
                again = await client.GetAsync($"{Pods}?watch=true&timeoutSeconds=1");
            }
            while (again.Code == 429 && DateTime.UtcNow < deadline);
            Assert.True(again.Code == 200, again.Body);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_watch_with_timeoutSeconds_ends_cleanly_by_itself()
    {
        await api.CreateNamespaceAsync(Ns);
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var response = await api.SendAsync(HttpMethod.Get, $"{Pods}?watch=true&timeoutSeconds=1&resourceVersion=0", ct: cts.Token);

        Assert.True(response.Code == 200, response.Body);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        foreach (var line in response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Equal("ADDED", JsonDocument.Parse(line).RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task A_quiet_watch_stays_open_sends_bookmarks_and_then_delivers_a_later_event()
    {
        await api.CreateNamespaceAsync(Ns);
        var from = (await api.GetAsync(Pods)).Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Pods}?watch=true&allowWatchBookmarks=true&resourceVersion={from}");
        using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        // A write elsewhere moves the cluster's revision on without an event for this watch: after the quiet
        // period (10 s in the store) the server tells the watcher how far it has come with a bookmark.
        var elsewhere = await api.PostAsync("/api/v1/namespaces/default/pods", ApiHttp.Pod($"mark-{Guid.NewGuid():N}"[..20]));
        Assert.True(elsewhere.Code == 201, elsewhere.Body);
        var clock = Stopwatch.StartNew();
        var bookmark = JsonDocument.Parse((await reader.ReadLineAsync(cts.Token))!).RootElement;
        Assert.Equal("BOOKMARK", bookmark.GetProperty("type").GetString());
        Assert.Equal("Pod", bookmark.GetProperty("object").GetProperty("kind").GetString());
        var marked = long.Parse(bookmark.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString()!);
        Assert.True(marked >= long.Parse(elsewhere.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString()!));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(5), "the stream was quiet for more than 5 s before the bookmark");

        // The stream is still open after that silence: a new pod arrives on it.
        var name = $"late-{Guid.NewGuid():N}"[..20];
        Assert.Equal(201, (await api.PostAsync(Pods, ApiHttp.Pod(name))).Code);
        var added = JsonDocument.Parse((await reader.ReadLineAsync(cts.Token))!).RootElement;
        Assert.Equal("ADDED", added.GetProperty("type").GetString());
        Assert.Equal(name, added.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
    }
}
