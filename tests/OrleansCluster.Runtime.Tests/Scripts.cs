namespace OrleansCluster.Runtime.Tests;

/// <summary>The commands the contract tests run: real busybox shell in Docker, simulated by the fake.</summary>
internal static class Scripts
{
    public static readonly string[] ExitThree = ["sh", "-c", "exit 3"];
    public static readonly string[] EchoFoo = ["sh", "-c", "echo $FOO"];
    public static readonly string[] ThreeLines = ["sh", "-c", "echo one; echo two; echo three"];
    public static readonly string[] OutAndErr = ["sh", "-c", "echo out; echo err >&2"];
    /// <summary>Exits 0 on SIGTERM within 0.1 s (busybox sh runs the trap once the foreground sleep ends).</summary>
    public static readonly string[] TrapsTerm = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"];
    public static readonly string[] Cat = ["cat"];
    public static readonly string[] ExecExitFive = ["sh", "-c", "echo bye >&2; exit 5"];

    public static string Key(IReadOnlyList<string> command) => string.Join('\u0001', command);
}
