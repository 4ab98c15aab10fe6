namespace OrleansCluster.Runtime.InMemory;

/// <summary>What a fake container's main process does: prints, then runs until stopped or exits after a while.</summary>
public sealed record SimulatedProcess
{
    /// <summary>Runs until stopped, exits 143 on SIGTERM: a typical server.</summary>
    public static readonly SimulatedProcess Server = new();

    /// <summary>Lines written when the process starts.</summary>
    public IReadOnlyList<(OutputStream Stream, string Line)> Output { get; init; } = [];
    /// <summary>Exits by itself this long after starting (zero: at once); null: runs until stopped.</summary>
    public TimeSpan? ExitAfter { get; init; }
    public int ExitCode { get; init; }
    /// <summary>Exit code when SIGTERM arrives; null: SIGTERM is ignored, so a stop waits the grace period and kills (137).</summary>
    public int? ExitCodeOnTerm { get; init; } = 143;
    /// <summary>Answers execs: the command and everything written to stdin, to the result. Default: exit 0, no output.</summary>
    public Func<ExecSpec, string, ExecResult>? Exec { get; init; }
}
