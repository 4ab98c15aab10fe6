using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;
using OrleansCluster.NodeApi;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c>: checks the options and the container as the API server does,
/// then relays the node API's stream as it comes (<c>text/plain</c>, chunked, flushed per read), or its Status.
/// </summary>
internal static class PodLogHandler
{
    private static readonly string[] Forwarded = ["follow", "previous", "sinceSeconds", "sinceTime", "timestamps", "tailLines", "limitBytes"];

    public static async Task HandleAsync(ApiRequest request, NodeApiConnector nodes)
    {
        if (!HttpMethods.IsGet(request.Http.Method))
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        try
        {
            LogQuery.Parse(request.Http.Query, request.Time.GetUtcNow());
        }
        catch (NodeApiException e)
        {
            throw new ApiException(e.Code, e.Reason, e.Message);
        }

        var target = await PodContainerTarget.ResolveAsync(request);
        var query = NodeCall.Query(request, target, Forwarded);
        var path = NodeApiPaths.Logs(target.NodeName, target.Pod.Namespace(), target.Pod.Name(), target.Container);
        using var response = await NodeCall.Guard(target, () => nodes.GetAsync(new Uri(target.NodeApi, $"{path}?{query}"), request.Aborted));
        await NodeCall.RelayAsync(request.Context, response);
    }
}

/// <summary>Calling a node API: unreachable is the API server's 500 with the cause, answers are relayed as they stream.</summary>
internal static class NodeCall
{
    public static async Task<T> Guard<T>(PodContainerTarget target, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException)
        {
            throw new ApiException(500, "InternalError", $"cannot reach the node API of node \"{target.NodeName}\" at {target.NodeApi}: {e.Message}");
        }
    }

    /// <summary>The pod's uid (so a namesake pod's containers are not taken for it) and the client's parameters named.</summary>
    public static string Query(ApiRequest request, PodContainerTarget target, IEnumerable<string> forwarded)
    {
        var query = new StringBuilder($"{NodeApiPaths.PodUid}={Uri.EscapeDataString(target.Pod.Uid() ?? "")}");
        foreach (var name in forwarded)
        {
            foreach (var value in request.Http.Query[name])
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        return query.ToString();
    }

    public static async Task RelayAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
        await context.Response.StartAsync(context.RequestAborted);
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
