using OrleansCluster.Runtime.InMemory;

namespace OrleansCluster.Runtime.Tests;

public sealed class InMemoryContractTests : RuntimeContractTests
{
    private readonly InMemoryEngine engine = NewEngine();

    protected override IContainerRuntime CreateRuntime(string nodeName) => new InMemoryRuntime(engine, nodeName);

    /// <summary>An engine holding the local image whose processes act out <see cref="Scripts"/> as busybox would.</summary>
    internal static InMemoryEngine NewEngine(TimeProvider? time = null)
    {
        var engine = new InMemoryEngine(time);
        engine.AddImage(Image);
        var done = TimeSpan.Zero;
        engine.Behavior = spec => Scripts.Key(spec.Command) switch
        {
            var k when k == Scripts.Key(Scripts.ExitThree) => new SimulatedProcess { ExitAfter = done, ExitCode = 3 },
            var k when k == Scripts.Key(Scripts.EchoFoo) => new SimulatedProcess
            {
                ExitAfter = done,
                Output = [(OutputStream.Stdout, spec.Env.LastOrDefault(e => e.Name == "FOO")?.Value ?? "")],
            },
            var k when k == Scripts.Key(Scripts.ThreeLines) => new SimulatedProcess
            {
                ExitAfter = done,
                Output = [(OutputStream.Stdout, "one"), (OutputStream.Stdout, "two"), (OutputStream.Stdout, "three")],
            },
            var k when k == Scripts.Key(Scripts.OutAndErr) => new SimulatedProcess
            {
                ExitAfter = done,
                Output = [(OutputStream.Stdout, "out"), (OutputStream.Stderr, "err")],
            },
            var k when k == Scripts.Key(Scripts.TrapsTerm) => new SimulatedProcess { ExitCodeOnTerm = 0, Exec = Exec },
            _ => SimulatedProcess.Server,
        };
        return engine;
    }

    private static ExecResult Exec(ExecSpec spec, string stdin) => Scripts.Key(spec.Command) switch
    {
        var k when k == Scripts.Key(Scripts.Cat) => new ExecResult(0, stdin, ""),
        var k when k == Scripts.Key(Scripts.ExecExitFive) => new ExecResult(5, "", "bye\n"),
        _ => new ExecResult(127, "", $"{spec.Command[0]}: not found\n"),
    };
}
