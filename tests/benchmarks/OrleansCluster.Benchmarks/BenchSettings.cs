using System.Globalization;

namespace OrleansCluster.Benchmarks;

/// <summary>What one invocation measures, and how hard. Defaults are the figures; <c>--quick</c> shrinks them for a smoke run.</summary>
public sealed class BenchSettings
{
    public string ConnectionString { get; set; } = "";

    public string Output { get; set; } = "";

    /// <summary>Prefix of this run's namespaces and floor grain keys; unique per invocation.</summary>
    public string RunId { get; set; } = $"bench-{DateTime.UtcNow:MMddHHmmss}";

    /// <summary>The silo's PKI folder: the client credential (client.crt, client.key, ca.crt) the library connects with.</summary>
    public string PkiDirectory { get; set; } = "";

    /// <summary>Connect without TLS, to a silo started with <c>InsecureOrleansWithoutTls</c> (to measure what TLS costs).</summary>
    public bool InsecureWithoutTls { get; set; }

    public int? SiloPid { get; set; }

    public int? PostmasterPid { get; set; }

    /// <summary>A kubeconfig the gateway wrote (server, CA, token): when set, every phase also runs through HTTPS.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>HTTP/2 to the gateway instead of HTTP/1.1.</summary>
    public bool Http2 { get; set; }

    public double WriteRate { get; set; } = 200;

    public TimeSpan WriteDuration { get; set; } = TimeSpan.FromSeconds(20);

    public int Workers { get; set; } = 64;

    public TimeSpan ClosedDuration { get; set; } = TimeSpan.FromSeconds(10);

    public int ClosedMaxOperations { get; set; } = 200_000;

    public int ListPods { get; set; } = 10_000;

    public int Lists { get; set; } = 30;

    public double WatchRate { get; set; } = 100;

    public TimeSpan WatchDuration { get; set; } = TimeSpan.FromSeconds(10);

    public int FloorKeys { get; set; } = 4_096;

    /// <summary>Pods started one at a time by the pod-start phase (each beside a raw Docker start).</summary>
    public int PodStarts { get; set; } = 40;

    /// <summary>The phases to run (<c>writes</c>, <c>lists</c>, <c>watch</c>, <c>floor</c>); empty: all of them.</summary>
    public ISet<string> Phases { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool Runs(string phase) => Phases.Count == 0 || Phases.Contains(phase);

    /// <summary><c>api</c> (the issue-2/3 phases), <c>scheduling</c> (nodes, pending pods, bindings) or <c>pods</c> (pod start on a Docker node).</summary>
    public string Scenario { get; set; } = "api";

    public int SchedulingNodes { get; set; } = 1_000;

    /// <summary>Scheduling: the nodes are hollow node agents hosted by the silo (run.sh <c>--hollow</c>), not bare Node objects.</summary>
    public bool HollowNodes { get; set; }

    public int SchedulingPods { get; set; } = 50_000;

    /// <summary>The scheduling scenario's bound: creates and bindings that take longer are reported as such.</summary>
    public TimeSpan SchedulingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an open loop waits for stragglers, and a watcher for its last events.</summary>
    public TimeSpan Drain { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Parses <c>--cs CS --pki DIR --out FILE [--no-tls] [--silo-pid N] [--pg-pid N] [--run-id ID] [--kubeconfig FILE [--http2]] [--quick] [--scenario api|scheduling|pods] [--hollow] [--phases a,b]</c>.</summary>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var s = new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--cs": s.ConnectionString = Next(); break;
                case "--pki": s.PkiDirectory = Next(); break;
                case "--no-tls": s.InsecureWithoutTls = true; break;
                case "--out": s.Output = Next(); break;
                case "--run-id": s.RunId = Next(); break;
                case "--silo-pid": s.SiloPid = Int(); break;
                case "--pg-pid": s.PostmasterPid = Int(); break;
                case "--kubeconfig": s.Kubeconfig = Next(); break;
                case "--http2": s.Http2 = true; break;
                case "--quick": s.Shrink(); break;
                case "--hollow": s.HollowNodes = true; break;
                case "--phases": s.Phases.UnionWith(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--scenario": s.Scenario = Next() switch
                {
                    "api" => "api",
                    "scheduling" => "scheduling",
                    "pods" => "pods",
                    _ => throw new ArgumentException("--scenario is api, scheduling or pods"),
                };
                    break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (string.IsNullOrEmpty(s.ConnectionString) || string.IsNullOrEmpty(s.Output) || string.IsNullOrEmpty(s.PkiDirectory))
        {
            throw new ArgumentException("--cs, --pki and --out are required");
        }

        return s;
    }

    private void Shrink()
    {
        WriteDuration = TimeSpan.FromSeconds(3);
        ClosedDuration = TimeSpan.FromSeconds(3);
        ListPods = 1_000;
        Lists = 5;
        WatchDuration = TimeSpan.FromSeconds(3);
        FloorKeys = 512;
        PodStarts = 5;
        SchedulingNodes = 100;
        SchedulingPods = 5_000;
        SchedulingTimeout = TimeSpan.FromMinutes(2);
    }
}
