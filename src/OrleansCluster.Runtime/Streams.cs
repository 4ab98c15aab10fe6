namespace OrleansCluster.Runtime;

public enum OutputStream { Stdout, Stderr }

public sealed record LogOptions
{
    public bool Follow { get; init; }
    /// <summary>Only the last N lines; null: all.</summary>
    public int? Tail { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>Fill <see cref="LogEntry.Timestamp"/> (the engine's time for each line).</summary>
    public bool Timestamps { get; init; }
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;
}

/// <summary>One line of output, without its newline.</summary>
public sealed record LogEntry(OutputStream Stream, string Line, DateTimeOffset? Timestamp);

public sealed record ExecSpec(IReadOnlyList<string> Command)
{
    public bool Stdin { get; init; }
    public bool Tty { get; init; }
    public IReadOnlyList<EnvVar> Env { get; init; } = [];
    public string? WorkingDir { get; init; }
}

/// <summary>A piece of exec output; <see cref="Count"/> 0 means the output has ended.</summary>
public readonly record struct ExecRead(OutputStream Stream, int Count);

/// <summary>A running exec: write stdin, read stdout and stderr until they end, then ask the exit code.</summary>
public interface IExecSession : IAsyncDisposable
{
    Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>End of input: the process sees EOF on stdin.</summary>
    Task CloseStdinAsync(CancellationToken cancellationToken = default);

    Task<ExecRead> ReadOutputAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>The exit code, once the output has ended.</summary>
    Task<int> GetExitCodeAsync(CancellationToken cancellationToken = default);

    Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default);
}

public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
