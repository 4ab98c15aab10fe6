using System.Text.Json.Nodes;

namespace OrleansCluster.NodeApi;

/// <summary>
/// Kubernetes' channel protocol for exec over WebSocket: every binary message starts with its stream id.
/// v4 sends the exit status as a <c>metav1.Status</c> JSON on the error stream; v5 adds the close signal
/// (<c>255, stream id</c>) with which the client half-closes stdin.
/// </summary>
public static class StreamProtocol
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";

    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Error = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    /// <summary>The protocols served, best first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    /// <summary>Kubernetes' choice: the first protocol the client offers that the server speaks; null when none.</summary>
    public static string? Negotiate(IEnumerable<string> offered) =>
        offered.Select(p => p.Trim()).FirstOrDefault(p => Supported.Contains(p, StringComparer.Ordinal));

    /// <summary>The status a finished command reports: Success, or NonZeroExitCode with the code as an ExitCode cause.</summary>
    public static JsonObject ExitStatus(int exitCode, IReadOnlyList<string> command) => exitCode == 0
        ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
        : new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {exitCode}",
            ["reason"] = "NonZeroExitCode",
            ["details"] = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            },
        };

    /// <summary>The status of a command that could not run or was cut off.</summary>
    public static JsonObject FailureStatus(string message) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = "InternalError",
    };

    /// <summary>One message: the stream id, then the payload.</summary>
    public static byte[] Frame(byte stream, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = stream;
        payload.CopyTo(frame.AsSpan(1));
        return frame;
    }
}
