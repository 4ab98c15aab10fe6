using System.Globalization;
using System.Text;

namespace OrleansCluster.Runtime.Docker;

/// <summary>
/// Turns the engine's frames (which may hold several lines or part of one) into whole lines per stream, and
/// splits off the RFC 3339 timestamp the engine puts before each line when asked.
/// </summary>
internal sealed class LogLineSplitter(bool timestamps)
{
    private readonly MemoryStream[] pending = [new(), new()];

    public List<LogEntry> Add(OutputStream stream, ReadOnlySpan<byte> data)
    {
        var lines = new List<LogEntry>();
        var buffer = pending[(int)stream];
        while (data.Length > 0)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                buffer.Write(data);
                break;
            }
            buffer.Write(data[..newline]);
            lines.Add(Take(stream, buffer));
            data = data[(newline + 1)..];
        }
        return lines;
    }

    /// <summary>A last line without its newline.</summary>
    public List<LogEntry> Flush()
    {
        var lines = new List<LogEntry>();
        foreach (var stream in new[] { OutputStream.Stdout, OutputStream.Stderr })
            if (pending[(int)stream].Length > 0) lines.Add(Take(stream, pending[(int)stream]));
        return lines;
    }

    private LogEntry Take(OutputStream stream, MemoryStream buffer)
    {
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        buffer.SetLength(0);
        if (text.EndsWith('\r')) text = text[..^1];
        if (!timestamps) return new LogEntry(stream, text, null);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && TryParseTime(text[..space], out var time)
            ? new LogEntry(stream, text[(space + 1)..], time)
            : new LogEntry(stream, text, null);
    }

    /// <summary>RFC 3339 with up to nine fraction digits (.NET keeps seven).</summary>
    internal static bool TryParseTime(string text, out DateTimeOffset time)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var zone = text.IndexOfAny(['Z', '+', '-'], Math.Max(dot, 19));
        if (dot > 0 && zone > dot && zone - dot > 8) text = text[..(dot + 8)] + text[zone..];
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time);
    }
}
