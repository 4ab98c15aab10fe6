using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>
/// <c>GET /nodes/{node}/containerLogs/{ns}/{pod}/{container}</c>: the container's output as <c>text/plain</c>, one line
/// per entry; while following, each line is flushed as it arrives and the answer ends when the container exits.
/// </summary>
internal static class LogEndpoint
{
    public static async Task HandleAsync(HttpContext context, NodeRuntimes runtimes, TimeProvider time)
    {
        var address = Endpoints.Address(context);
        var query = LogQuery.Parse(context.Request.Query, time.GetUtcNow());
        var container = await ContainerLookup.FindAsync(runtimes, address, query.Previous, context.RequestAborted);
        var runtime = ContainerLookup.Runtime(runtimes, address.Node);
        await using var lines = runtime.ReadLogsAsync(container.Id, query.ToLogOptions(), context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        // The first line is read before the answer starts, so an engine error can still be a Status.
        var any = await lines.MoveNextAsync();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(context.RequestAborted);
        var remaining = query.LimitBytes ?? long.MaxValue;
        while (any && remaining > 0)
        {
            var bytes = Encoding.UTF8.GetBytes(LogLines.Format(lines.Current, query.Timestamps));
            var count = (int)Math.Min(bytes.Length, remaining);
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, count), context.RequestAborted);
            remaining -= count;
            if (query.Follow)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            any = await lines.MoveNextAsync();
        }
    }
}
