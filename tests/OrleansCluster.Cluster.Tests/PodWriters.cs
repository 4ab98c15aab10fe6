using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Cluster.Tests;

/// <summary>An acknowledged write: the client got the stored pod back. Patches set one label of their own.</summary>
internal sealed record AckedWrite(int Writer, string Pod, string Uid, long ResourceVersion, string? LabelKey, string? LabelValue, TimeSpan At);

/// <summary>A write that failed or timed out: its outcome is unknown, so nothing is asserted about it.</summary>
internal sealed record FailedWrite(int Writer, string Pod, string Error, TimeSpan Started, TimeSpan Ended);

/// <summary>
/// Concurrent writers in namespace <c>default</c>, as a busy client would be: each alternates creating a pod with a
/// new name and merge-patching a new label onto one of its earlier pods, one call at a time, and records every
/// outcome with the time on <paramref name="clock"/>. A failed call is not retried as such: the next write uses a
/// new name or a new label, so every acknowledged write is checkable on its own.
/// </summary>
internal sealed class PodWriters(OrleansClusterClient api, Stopwatch clock)
{
    public const string Namespace = "default";

    /// <summary>Only a safety net: the client library's own response timeout (10 s) ends a call first.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private const int MaxWritesPerWriter = 100_000;

    private readonly ConcurrentQueue<AckedWrite> acked = new();
    private readonly ConcurrentQueue<FailedWrite> failed = new();

    public IReadOnlyCollection<AckedWrite> Acked => acked;

    public IReadOnlyCollection<FailedWrite> Failed => failed;

    public Task RunAsync(int writers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteLoopAsync(w, stop), CancellationToken.None)));

    private async Task WriteLoopAsync(int writer, CancellationToken stop)
    {
        var mine = new List<string>();
        for (var n = 0; n < MaxWritesPerWriter && !stop.IsCancellationRequested; n++)
        {
            var patch = mine.Count > 0 && n % 2 == 1;
            var pod = patch ? mine[Random.Shared.Next(mine.Count)] : $"w{writer}-{n}";
            var (key, value) = patch ? ($"w{n}", $"v{n}") : ((string?)null, (string?)null);
            var started = clock.Elapsed;
            try
            {
                var stored = await (patch
                    ? api.Pods.PatchAsync(pod, Namespace, new { metadata = new { labels = new Dictionary<string, string> { [key!] = value! } } })
                    : api.Pods.CreateAsync(NewPod(pod))).WaitAsync(CallTimeout, CancellationToken.None);
                var at = clock.Elapsed;
                acked.Enqueue(new AckedWrite(writer, pod, stored.Metadata.Uid,
                    long.Parse(stored.Metadata.ResourceVersion, CultureInfo.InvariantCulture), key, value, at));
                if (!patch)
                {
                    mine.Add(pod);
                }
            }
            catch (Exception e)
            {
                failed.Enqueue(new FailedWrite(writer, pod, $"{e.GetType().Name}: {e.Message}", started, clock.Elapsed));
            }
        }
    }

    private static V1Pod NewPod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = "load" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
    };
}
