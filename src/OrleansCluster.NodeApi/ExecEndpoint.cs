using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>
/// <c>GET /nodes/{node}/exec/{ns}/{pod}/{container}?command=…&amp;stdin=…&amp;stdout=…&amp;stderr=…&amp;tty=…</c>:
/// a WebSocket speaking <see cref="StreamProtocol"/>. Everything that can be refused is checked, and the process
/// started, before the upgrade, so a refusal is still an HTTP Status.
/// </summary>
internal static class ExecEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public static async Task HandleAsync(HttpContext context, NodeRuntimes runtimes)
    {
        var address = Endpoints.Address(context);
        var query = context.Request.Query;
        var command = query["command"].OfType<string>().ToList();
        var flags = new ExecFlags(QueryFlags.Get(query, "stdin"), QueryFlags.Get(query, "stdout"),
            QueryFlags.Get(query, "stderr"), QueryFlags.Get(query, "tty"));
        if (command.Count == 0)
        {
            throw NodeApiException.BadRequest("you must specify at least 1 command");
        }

        if (!flags.Stdin && !flags.Stdout && !flags.Stderr)
        {
            throw NodeApiException.BadRequest("you must specify at least one of stdin, stdout, stderr");
        }

        var container = await ContainerLookup.FindAsync(runtimes, address, previous: false, context.RequestAborted);
        if (container.State != ContainerState.Running)
        {
            throw NodeApiException.BadRequest($"container \"{address.Container}\" in pod \"{address.Pod}\" is not running");
        }

        // The container is checked before the upgrade, so a plain GET of the same URL tells why an exec would be refused.
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw NodeApiException.BadRequest(
                $"exec needs a WebSocket upgrade with one of the subprotocols {string.Join(", ", StreamProtocol.Supported)}; SPDY is not supported");
        }

        var protocol = StreamProtocol.Negotiate(context.WebSockets.WebSocketRequestedProtocols) ?? throw NodeApiException.BadRequest(
            $"none of the offered subprotocols is supported; this server speaks {string.Join(", ", StreamProtocol.Supported)}");
        var runtime = ContainerLookup.Runtime(runtimes, address.Node);
        await using var session = await runtime.ExecAsync(
            container.Id, new ExecSpec(command) { Stdin = flags.Stdin, Tty = flags.Tty }, context.RequestAborted);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { SubProtocol = protocol, KeepAliveInterval = KeepAlive });
        try
        {
            await new ExecBridge(socket, session, flags, protocol == StreamProtocol.V5, command).RunAsync(context.RequestAborted);
        }
        catch (WebSocketException) when (socket.State is WebSocketState.Aborted or WebSocketState.Closed or WebSocketState.CloseReceived)
        {
            // The client went away mid-stream; disposing the session drops the process's streams.
        }
    }
}

/// <summary>Which streams an exec attaches, and whether it has a terminal.</summary>
internal sealed record ExecFlags(bool Stdin, bool Stdout, bool Stderr, bool Tty);
