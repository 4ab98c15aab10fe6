using System.Net.WebSockets;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.NodeApi;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// <c>GET|POST /api/v1/namespaces/{ns}/pods/{name}/exec</c> over WebSocket (kubectl 1.32's default): the client's
/// first offered subprotocol we speak is agreed with both the client and the node API, then whole messages are relayed
/// both ways until either side closes. SPDY (kubectl's fallback) is refused with a Status.
/// </summary>
internal static class PodExecHandler
{
    private static readonly string[] Forwarded = ["command", "stdin", "stdout", "stderr", "tty"];
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    public static async Task HandleAsync(ApiRequest request, NodeApiConnector nodes)
    {
        if (request.Http.Query["command"].Count == 0)
        {
            throw PodContainerTarget.BadRequest("you must specify at least 1 command");
        }

        var target = await PodContainerTarget.ResolveAsync(request);
        if (target.Pod.Status?.Phase is "Succeeded" or "Failed")
        {
            throw PodContainerTarget.BadRequest($"cannot exec into a container in a completed pod; current phase is {target.Pod.Status.Phase}");
        }

        var uri = new Uri(target.NodeApi, NodeApiPaths.Exec(target.NodeName, target.Pod.Namespace(), target.Pod.Name(), target.Container) + "?" + NodeCall.Query(request, target, Forwarded));
        var webSockets = request.Context.WebSockets;
        if (!webSockets.IsWebSocketRequest)
        {
            // kubectl retries a refused upgrade with SPDY: that retry must meet the node's reason (container not
            // running, …), or, when there is none, the node's refusal of anything but a WebSocket.
            await RelayRefusalAsync(request, nodes, target, uri);
            return;
        }

        var protocol = StreamProtocol.Negotiate(webSockets.WebSocketRequestedProtocols) ?? throw PodContainerTarget.BadRequest(
            $"none of the offered subprotocols is supported; this server speaks {string.Join(", ", StreamProtocol.Supported)}");
        using var node = await ConnectAsync(request, nodes, target, uri, protocol);
        if (node is null)
        {
            return;
        }

        using var client = await webSockets.AcceptWebSocketAsync(protocol);
        await RelayAsync(client, node, request.Aborted);
    }

    private static async Task<ClientWebSocket?> ConnectAsync(ApiRequest request, NodeApiConnector nodes, PodContainerTarget target, Uri uri, string protocol)
    {
        try
        {
            return await nodes.ConnectAsync(uri, protocol, request.Aborted);
        }
        catch (WebSocketException)
        {
            await RelayRefusalAsync(request, nodes, target, uri);
            return null;
        }
    }

    /// <summary>
    /// The node's reason for refusing this exec: a plain GET of the same URL answers it as a Status, since the node
    /// checks the container before it asks for an upgrade.
    /// </summary>
    private static async Task RelayRefusalAsync(ApiRequest request, NodeApiConnector nodes, PodContainerTarget target, Uri uri)
    {
        using var refusal = await NodeCall.Guard(target, () => nodes.GetAsync(uri, request.Aborted));
        await NodeCall.RelayAsync(request.Context, refusal);
    }

    private static async Task RelayAsync(WebSocket client, WebSocket node, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var up = PumpAsync(client, node, stop.Token);
        var down = PumpAsync(node, client, stop.Token);
        var first = await Task.WhenAny(up, down);
        // One side closed (or failed): the other gets a moment to finish its close handshake, then is cut.
        stop.CancelAfter(first.IsFaulted ? TimeSpan.Zero : CloseWait);
        try
        {
            await Task.WhenAll(up, down);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // A peer that vanished ends the session; there is nobody left to tell.
        }
    }

    /// <summary>Copies whole messages from one socket to the other; a close is passed on with its status.</summary>
    private static async Task PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        while (await WebSocketMessages.ReceiveAsync(from, cancellationToken) is { } message)
        {
            await WebSocketMessages.SendAsync(to, message, cancellationToken);
        }

        if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken);
        }
    }
}
