using System.Buffers;
using System.Net.WebSockets;

namespace OrleansCluster.NodeApi;

/// <summary>Whole WebSocket messages: the stream id is only in a message's first byte, so fragments are joined first.</summary>
public static class WebSocketMessages
{
    /// <summary>Largest message accepted (kubectl sends stdin in pieces of at most 32 KiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The next message's bytes, or null when the peer sent a close.</summary>
    public static async Task<byte[]?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await socket.ReceiveAsync(message.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Advance(result.Count);
            if (message.WrittenCount > MaxBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, $"a message of more than {MaxBytes} bytes");
            }

            if (result.EndOfMessage)
            {
                return message.WrittenSpan.ToArray();
            }
        }
    }

    public static Task SendAsync(WebSocket socket, byte[] message, CancellationToken cancellationToken) =>
        socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
}
