using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCluster.Runtime;

namespace OrleansCluster.NodeApi;

/// <summary>
/// Joins one exec session to one WebSocket: the process's output goes out on streams 1 and 2 as it comes; stdin
/// (stream 0), resizes (4) and v5's stdin close signal come in. When the output ends the exit status goes out on
/// stream 3 and the server closes.
/// </summary>
internal sealed class ExecBridge(WebSocket socket, IExecSession session, ExecFlags flags, bool v5, IReadOnlyList<string> command)
{
    /// <summary>How long the client gets to answer the server's close before reading stops.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private bool stdinClosed;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        using var stopOutput = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var input = PumpInputAsync(stopReading.Token);
        var output = PumpOutputAsync(stopOutput.Token);
        if (await Task.WhenAny(input, output) == input && !output.IsCompleted)
        {
            // The client closed before the command finished: nobody reads its output or status any more.
            await stopOutput.CancelAsync();
            await input;
            // Cancelled on purpose; whatever else it met on the way out has nobody left to be told to.
            await output.ContinueWith(_ => { }, TaskScheduler.Default);
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
            }

            return;
        }

        JsonObject status;
        try
        {
            await output;
            status = StreamProtocol.ExitStatus(await session.GetExitCodeAsync(aborted), command);
        }
        catch (ContainerRuntimeException e)
        {
            status = StreamProtocol.FailureStatus(e.Message);
        }

        await WebSocketMessages.SendAsync(socket, StreamProtocol.Frame(StreamProtocol.Error, Encoding.UTF8.GetBytes(status.ToJsonString())), aborted);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
        stopReading.CancelAfter(CloseWait);
        try
        {
            await input;
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
            // The client did not answer the close in time: the command is over either way.
        }
    }

    private async Task PumpOutputAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        while (true)
        {
            // Byte 0 is left for the stream id, so each piece goes out without a copy.
            var read = await session.ReadOutputAsync(buffer.AsMemory(1), cancellationToken);
            if (read.Count == 0)
            {
                return;
            }

            var stdout = read.Stream == OutputStream.Stdout;
            if (stdout ? !flags.Stdout : !flags.Stderr)
            {
                continue;
            }

            buffer[0] = stdout ? StreamProtocol.Stdout : StreamProtocol.Stderr;
            await socket.SendAsync(buffer.AsMemory(0, read.Count + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
    }

    private async Task PumpInputAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await WebSocketMessages.ReceiveAsync(socket, cancellationToken);
            if (message is null)
            {
                await CloseStdinAsync(cancellationToken);
                return;
            }

            if (message.Length == 0)
            {
                continue;
            }

            switch (message[0])
            {
                case StreamProtocol.Stdin when flags.Stdin && !stdinClosed && message.Length > 1:
                    await session.WriteStdinAsync(message.AsMemory(1), cancellationToken);
                    break;
                case StreamProtocol.Resize when flags.Tty:
                    await ResizeAsync(message.AsMemory(1), cancellationToken);
                    break;
                case StreamProtocol.Close when v5 && message.Length == 2 && message[1] == StreamProtocol.Stdin:
                    await CloseStdinAsync(cancellationToken);
                    break;
            }
        }
    }

    private async Task CloseStdinAsync(CancellationToken cancellationToken)
    {
        if (flags.Stdin && !stdinClosed)
        {
            stdinClosed = true;
            await session.CloseStdinAsync(cancellationToken);
        }
    }

    private async Task ResizeAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        TerminalSize? size;
        try
        {
            size = JsonSerializer.Deserialize<TerminalSize>(json.Span);
        }
        catch (JsonException)
        {
            // A malformed size changes nothing; the session goes on as kubelet's does.
            return;
        }

        if (size is null || size.Width <= 0 || size.Height <= 0)
        {
            return;
        }

        try
        {
            await session.ResizeAsync(size.Width, size.Height, cancellationToken);
        }
        catch (ContainerRuntimeException)
        {
            // A resize racing the process's exit fails; it is advisory, the output and exit code still follow.
        }
    }

    /// <summary>Kubernetes' <c>TerminalSize</c> (<c>{"Width":80,"Height":24}</c>).</summary>
    private sealed record TerminalSize(int Width, int Height);
}
