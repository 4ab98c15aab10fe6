using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCluster.NodeApi.Tests;

/// <summary>
/// A client of the exec WebSocket as kubectl speaks it: stdin in, then v5's close signal, frames out until the server
/// closes. Against a node API directly, or the gateway (over <paramref name="invoker"/>, which trusts its CA); the
/// end-to-end tests compile this file too.
/// </summary>
public sealed class ExecClient(Uri endpoint, string token, HttpMessageInvoker? invoker = null)
{
    public sealed record Outcome(string Stdout, string Stderr, JsonObject? Status, string Protocol);

    public async Task<Outcome> RunAsync(
        IReadOnlyList<string> command, string? stdin = null, bool tty = false, string protocol = StreamProtocol.V5, (int Width, int Height)? resize = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        socket.Options.AddSubProtocol(protocol);
        var query = string.Join('&', command.Select(c => $"command={Uri.EscapeDataString(c)}"))
            + $"&stdout=true&stderr={(!tty).ToString().ToLowerInvariant()}&stdin={(stdin is not null).ToString().ToLowerInvariant()}&tty={tty.ToString().ToLowerInvariant()}";
        await socket.ConnectAsync(new Uri($"{endpoint}{Separator}{query}"), invoker, timeout.Token);
        if (resize is { } size)
        {
            await Send(socket, StreamProtocol.Resize, Encoding.UTF8.GetBytes($"{{\"Width\":{size.Width},\"Height\":{size.Height}}}"), timeout.Token);
        }

        if (stdin is not null)
        {
            await Send(socket, StreamProtocol.Stdin, Encoding.UTF8.GetBytes(stdin), timeout.Token);
            await WebSocketMessages.SendAsync(socket, [StreamProtocol.Close, StreamProtocol.Stdin], timeout.Token);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        JsonObject? status = null;
        while (await WebSocketMessages.ReceiveAsync(socket, timeout.Token) is { } message)
        {
            if (message.Length == 0)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.AsSpan(1));
            switch (message[0])
            {
                case StreamProtocol.Stdout: stdout.Append(text); break;
                case StreamProtocol.Stderr: stderr.Append(text); break;
                case StreamProtocol.Error: status = JsonNode.Parse(text)!.AsObject(); break;
            }
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return new Outcome(stdout.ToString(), stderr.ToString(), status, socket.SubProtocol ?? "");
    }

    /// <summary>Starts <paramref name="command"/>, then closes at once as a client that gave up would; returns when the server has answered the close.</summary>
    public async Task<TimeSpan> HangUpAsync(IReadOnlyList<string> command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        socket.Options.AddSubProtocol(StreamProtocol.V5);
        await socket.ConnectAsync(new Uri($"{endpoint}{Separator}{string.Join('&', command.Select(c => $"command={Uri.EscapeDataString(c)}"))}&stdout=true"), invoker, timeout.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return clock.Elapsed;
    }

    private string Separator => endpoint.Query.Length > 0 ? "&" : "?";

    private static Task Send(WebSocket socket, byte stream, byte[] payload, CancellationToken cancellationToken) =>
        WebSocketMessages.SendAsync(socket, StreamProtocol.Frame(stream, payload), cancellationToken);
}
