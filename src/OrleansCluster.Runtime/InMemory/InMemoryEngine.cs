using System.Security.Cryptography;
using System.Text;

namespace OrleansCluster.Runtime.InMemory;

/// <summary>
/// The shared state of a fake engine: containers, images and the clock. Several <see cref="InMemoryRuntime"/>
/// views (one per node) may share one engine, as node silos share one Docker engine; a new view adopts what an
/// old one created. Deterministic (ids from a counter, time from the injected <see cref="TimeProvider"/>) and cheap:
/// a container is a small object, a timer exists only while an exit or a kill is pending.
/// </summary>
public sealed class InMemoryEngine(TimeProvider? time = null)
{
    internal readonly Lock Gate = new();
    internal readonly Dictionary<string, FakeContainer> Containers = new(StringComparer.Ordinal);

    /// <summary>The same containers by node, so that a node's lists cost its own containers, not the whole engine's
    /// (a process of 1,000 hollow nodes holds every one of their pods).</summary>
    internal readonly Dictionary<string, Dictionary<string, FakeContainer>> ByNode = new(StringComparer.Ordinal);
    internal readonly HashSet<string> Names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageInfo> images = new(StringComparer.Ordinal);
    private long nextId;

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>What a started container does; by default it runs until stopped.</summary>
    public Func<ContainerSpec, SimulatedProcess> Behavior { get; set; } = _ => SimulatedProcess.Server;

    /// <summary>Why pulling an image fails (null: it succeeds). By default registries under <c>.invalid</c> cannot be resolved.</summary>
    public Func<string, string?> PullError { get; set; } = image =>
        image.Split('/')[0] is var host && image.Contains('/', StringComparison.Ordinal) && host.EndsWith(".invalid", StringComparison.Ordinal)
            ? $"Get \"https://{host}/v2/\": dial tcp: lookup {host}: no such host"
            : null;

    public RuntimeVersion Version { get; set; } = new("fake", "1.0.0", "1.0");

    public ImageInfo AddImage(string image)
    {
        lock (Gate)
        {
            if (!images.TryGetValue(image, out var info))
                images[image] = info = new ImageInfo($"sha256:{Hash(image)}", [image], 1_000_000);
            return info;
        }
    }

    public int ContainerCount
    {
        get { lock (Gate) return Containers.Count; }
    }

    /// <summary>The container's main process exits now with the code (a crash, an OOM kill...).</summary>
    public void SimulateExit(string containerId, int exitCode)
    {
        lock (Gate)
            if (Containers.TryGetValue(containerId, out var container)) container.Exit(exitCode, Time.GetUtcNow());
    }

    /// <summary>The container's main process writes a line.</summary>
    public void SimulateOutput(string containerId, OutputStream stream, string line)
    {
        lock (Gate)
            if (Containers.TryGetValue(containerId, out var container)) container.Append(stream, line, Time.GetUtcNow());
    }

    internal ImageInfo? Image(string image)
    {
        lock (Gate) return images.GetValueOrDefault(image);
    }

    internal string NewId()
    {
        var id = Interlocked.Increment(ref nextId);
        return id.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal string NewIp(string id)
    {
        var n = long.Parse(id, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return $"10.{88 + n / 65536 % 100}.{n / 256 % 256}.{n % 256}";
    }

    /// <summary>SIGTERM now, SIGKILL after the grace; the task completes when the process has exited (under the lock).</summary>
    internal Task Stop(FakeContainer container, TimeSpan grace)
    {
        if (container.State != ContainerState.Running) return Task.CompletedTask;
        var now = Time.GetUtcNow();
        if (container.Process.ExitCodeOnTerm is { } code) container.Exit(code, now);
        else if (grace <= TimeSpan.Zero) container.Exit(FakeContainer.SigKillExitCode, now);
        else container.Schedule(Time.CreateTimer(_ => Kill(container), null, grace, Timeout.InfiniteTimeSpan));
        return container.Exited;
    }

    internal void Start(FakeContainer container)
    {
        var now = Time.GetUtcNow();
        container.Start(now);
        if (container.Process.ExitAfter is not { } after) return;
        var code = container.Process.ExitCode;
        if (after <= TimeSpan.Zero) container.Exit(code, now);
        else container.Schedule(Time.CreateTimer(_ => { lock (Gate) container.Exit(code, Time.GetUtcNow()); }, null, after, Timeout.InfiniteTimeSpan));
    }

    private void Kill(FakeContainer container)
    {
        lock (Gate) container.Exit(FakeContainer.SigKillExitCode, Time.GetUtcNow());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
