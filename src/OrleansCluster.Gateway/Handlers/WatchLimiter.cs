using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>Caps the watches one client holds open at once (by address and user agent); one more is 429.</summary>
internal sealed class WatchLimiter(IOptions<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public IDisposable Acquire(HttpContext context)
    {
        var client = $"{context.Connection.RemoteIpAddress}|{context.Request.Headers.UserAgent}";
        var count = open.AddOrUpdate(client, 1, (_, n) => n + 1);
        if (count > options.Value.MaxWatchesPerClient)
        {
            Release(client);
            throw new ApiException(429, "TooManyRequests",
                $"too many open watches from this client (limit {options.Value.MaxWatchesPerClient})");
        }

        return new Slot(this, client);
    }

    private void Release(string client) => open.AddOrUpdate(client, 0, (_, n) => n - 1);

    private sealed class Slot(WatchLimiter limiter, string client) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                limiter.Release(client);
            }
        }
    }
}
