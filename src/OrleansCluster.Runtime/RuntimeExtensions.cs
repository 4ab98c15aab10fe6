using System.Text;

namespace OrleansCluster.Runtime;

public static class RuntimeExtensions
{
    /// <summary>Runs a command to completion: writes <paramref name="stdin"/> (if any) and closes it, collects the output.</summary>
    public static async Task<ExecResult> ExecToEndAsync(
        this IContainerRuntime runtime, string containerId, IReadOnlyList<string> command, string? stdin = null,
        CancellationToken cancellationToken = default)
    {
        await using var session = await runtime.ExecAsync(
            containerId, new ExecSpec(command) { Stdin = stdin is not null }, cancellationToken);
        if (stdin is not null)
        {
            await session.WriteStdinAsync(Encoding.UTF8.GetBytes(stdin), cancellationToken);
            await session.CloseStdinAsync(cancellationToken);
        }
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await session.ReadOutputAsync(buffer, cancellationToken);
            if (read.Count == 0) break;
            (read.Stream == OutputStream.Stdout ? stdout : stderr).Write(buffer, 0, read.Count);
        }
        var exitCode = await session.GetExitCodeAsync(cancellationToken);
        return new ExecResult(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    public static async Task<IReadOnlyList<LogEntry>> ReadAllLogsAsync(
        this IContainerRuntime runtime, string containerId, LogOptions options, CancellationToken cancellationToken = default)
    {
        var lines = new List<LogEntry>();
        await foreach (var entry in runtime.ReadLogsAsync(containerId, options, cancellationToken)) lines.Add(entry);
        return lines;
    }
}
