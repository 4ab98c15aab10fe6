using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// A watch as Kubernetes streams it: 200, chunked, one <c>{"type","object"}</c> JSON document per line, kept open
/// until the client leaves, <c>timeoutSeconds</c> passes, or the server shuts down (clients then re-watch).
/// An expired resourceVersion is a 410 before the stream starts, and an ERROR event after; so is any failure
/// (the store or a silo unavailable: 503).
/// </summary>
internal sealed class WatchHandler(WatchLimiter limiter, IHostApplicationLifetime lifetime)
{
    public async Task WatchAsync(ApiRequest request)
    {
        using var slot = limiter.Acquire(request.Context);
        var http = request.Http;
        var nameSelector = request.Target.Name is { } name ? $"metadata.name={name}" : null;
        var selection = request.Selection(nameSelector);
        var table = Negotiation.WantsTable(http);
        var bookmarks = Negotiation.QueryFlag(http, "allowWatchBookmarks");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, lifetime.ApplicationStopping);
        if (Negotiation.Query(http, "timeoutSeconds") is { } timeout)
        {
            var seconds = int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw ApiException.BadRequest($"invalid timeoutSeconds \"{timeout}\"");
            // 0 is "no timeout" in Kubernetes; a timer cannot run longer than MaxTimeout, and no watch needs it to.
            if (seconds > 0)
            {
                cts.CancelAfter(TimeSpan.FromSeconds(Math.Min(seconds, MaxTimeout.TotalSeconds)));
            }
        }

        var events = request.Grains.GetGrain<IWatchGrain>(Guid.NewGuid())
            .Watch(selection, Negotiation.Query(http, "resourceVersion") ?? "", bookmarks, cts.Token)
            .GetAsyncEnumerator(cts.Token);
        await using (events)
        {
            var started = false;
            while (true)
            {
                var next = events.MoveNextAsync().AsTask();
                if (!started && await Task.WhenAny(next, Task.Delay(HeaderDelay, cts.Token)) != next)
                {
                    // Nothing to send yet, and no error came at once (an expired version fails at once): start the stream,
                    // so that clients see the headers while the watch is quiet.
                    await StartAsync(request);
                    started = true;
                }

                try
                {
                    if (!await next)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (started)
                {
                    // The stream ends with the failure as an ERROR event (the store or a silo went away: clients re-watch).
                    await WriteLineAsync(request, new JsonObject { ["type"] = "ERROR", ["object"] = StatusJson.Failure(FailureStatus.For(e)) }.ToJsonString(), cts.Token);
                    return;
                }

                if (!started)
                {
                    await StartAsync(request);
                    started = true;
                }

                await WriteLineAsync(request, Line(request, events.Current, table), cts.Token);
            }
        }
    }

    private static readonly TimeSpan HeaderDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest timeout a watch is given (a timer's limit is about 49 days).</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(30);

    private static async Task StartAsync(ApiRequest request)
    {
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = Negotiation.Json;
        await response.StartAsync(request.Aborted);
        await response.Body.FlushAsync(request.Aborted);
    }

    private static string Line(ApiRequest request, WatchEventData e, bool table)
    {
        var type = request.Target.Type;
        string obj;
        if (e.Type == WatchTypes.Bookmark)
        {
            obj = $"{{\"kind\":\"{type.Kind}\",\"apiVersion\":\"{type.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{e.ResourceVersion}\"}}}}";
        }
        else
        {
            obj = table ? Tables.OfOne(request, type, e.Json).ToJsonString() : e.Json;
        }

        return new StringBuilder(obj.Length + 32).Append("{\"type\":\"").Append(e.Type).Append("\",\"object\":").Append(obj).Append('}').ToString();
    }

    private static async Task WriteLineAsync(ApiRequest request, string line, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        try
        {
            await request.Context.Response.Body.WriteAsync(bytes, ct);
            await request.Context.Response.Body.FlushAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The client left or the stream is closing.
        }
    }
}
