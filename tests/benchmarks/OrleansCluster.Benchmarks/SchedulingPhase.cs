using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// The scheduling scenario: register <see cref="BenchSettings.SchedulingNodes"/> Ready nodes, create
/// <see cref="BenchSettings.SchedulingPods"/> pods with no node as fast as the API takes them
/// (<see cref="BenchSettings.Workers"/> at a time), and time from the first create to the last binding seen by a
/// watch of the namespace; a final list with <c>spec.nodeName=</c> checks that none is left unbound.
/// </summary>
public sealed class SchedulingPhase(OrleansClusterClient client, BenchSettings settings, CpuProbe cpu)
{
    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-sched";
        await Pods.EnsureNamespaceAsync(client, ns);
        var nodes = settings.HollowNodes
            ? await HollowNodesReadyAsync()
            : await Load.ClosedLoopAsync(settings.Workers, TimeSpan.FromMinutes(5), settings.SchedulingNodes,
                (w, seq) => client.Nodes.CreateAsync(Node($"{settings.RunId}-node-{(seq * settings.Workers + w).ToString("D5", CultureInfo.InvariantCulture)}")));
        if (nodes.Failed > 0)
        {
            throw new InvalidOperationException($"{nodes.Failed} node creates failed: {nodes.FirstError}");
        }

        var total = settings.SchedulingPods;
        var created = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var list = await client.Pods.ListAsync(ns);
        using var deadline = new CancellationTokenSource(settings.SchedulingTimeout);
        var lagsByIndex = new List<(int Index, double Ms)>();
        var watching = Task.Run(() => WatchBindsAsync(ns, list.ResourceVersion, total, created, lagsByIndex, deadline.Token));

        var before = cpu.Read();
        var first = Stopwatch.GetTimestamp();
        var next = -1;
        var creates = await Load.ClosedLoopAsync(settings.Workers, settings.SchedulingTimeout, total, async (_, _) =>
        {
            var name = "p-" + Interlocked.Increment(ref next).ToString("D6", CultureInfo.InvariantCulture);
            await client.Pods.CreateAsync(Pods.New(ns, name, new Dictionary<string, string> { ["app"] = "bench-sched" }));
            created[name] = Stopwatch.GetTimestamp();
        });
        var (bound, lastBind, lags, perNode) = await watching;
        var after = cpu.Read();
        var unbound = (await client.Pods.ListAsync(ns, fieldSelector: "spec.nodeName=")).Items.Count;
        var stored = (await client.Pods.ListAsync(ns)).Items;
        var serverLags = new Samples();
        foreach (var pod in stored)
        {
            var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "True" })?.LastTransitionTime;
            if (scheduled is { } at && pod.Metadata.CreationTimestamp is { } born)
            {
                serverLags.Add(at - born);
            }
        }

        var serverSorted = serverLags.Snapshot();
        var scheduledEvents = (await client.Events.ListAsync(ns)).Items.Count(e => e.Reason == "Scheduled");

        var span = Stopwatch.GetElapsedTime(first, lastBind).TotalSeconds;
        var lastCreate = created.IsEmpty ? first : created.Values.Max();
        var sorted = lags.Snapshot();
        return
        [
            new Metric("sched.nodes", nodes.Completed, "count", Note: settings.HollowNodes
                ? "hollow nodes: node agents on the in-memory engine in the silo, which also run the bound pods"
                : $"Node objects registered at {nodes.PerSecond:F0}/s (no agents, as kube-scheduler's scheduler_perf)"),
            new Metric("sched.pods.created", creates.Completed, "count", Note: $"{creates.Failed} failed {creates.FirstError}"),
            new Metric("sched.create.rate", creates.PerSecond, "pods/s", Note: $"{settings.Workers} concurrent creates, no node"),
            new Metric("sched.bound", bound, "count", Note: $"bindings seen by the watch within {settings.SchedulingTimeout.TotalSeconds:F0} s"),
            new Metric("sched.rate", bound / span, "pods/s",
                Note: $"first create to last binding seen ({span:F1} s); goal >= 1000 at 1,000 nodes and 50,000 pods"),
            new Metric("sched.lag.p50", sorted.Percentile(50), "ms", Note: $"create acknowledged to binding seen ({sorted.Count} pods); median per tenth of the pods, in order: {LagByTenth(lagsByIndex, total)} ms"),
            new Metric("sched.lag.p99", sorted.Percentile(99), "ms"),
            new Metric("sched.bind-lag.p50", serverSorted.Percentile(50), "ms",
                Note: "as stored: PodScheduled's transition time − creationTimestamp (whole seconds; without the watch's delay)"),
            new Metric("sched.bind-lag.p99", serverSorted.Percentile(99), "ms"),
            new Metric("sched.tail", Stopwatch.GetElapsedTime(lastCreate, lastBind).TotalMilliseconds, "ms",
                Note: "last create acknowledged to last binding seen: small when scheduling keeps up with the creates"),
            new Metric("sched.unbound", unbound, "count", 0, "pods still without spec.nodeName after the run (a list)"),
            new Metric("sched.events", scheduledEvents, "count",
                Note: "Scheduled events stored at the end (best effort: the scheduler drops events when its queue of 1,000 is full)"),
            new Metric("sched.max-per-node", perNode.Count == 0 ? 0 : perNode.Values.Max(), "pods",
                Note: $"over {perNode.Count} nodes used; an even spread is {Math.Ceiling((double)bound / settings.SchedulingNodes):F0}"),
            .. CpuProbe.Usage("sched", before, after, Math.Max(bound, 1)),
        ];
    }

    /// <summary>
    /// With <c>--hollow</c>, the silo hosts the nodes itself (role node, in-memory runtime): they register, renew their
    /// leases and run what is bound to them, as kubemark's hollow kubelets do. Waits until all of them are Ready.
    /// </summary>
    private async Task<LoadResult> HollowNodesReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ready = (await client.Nodes.ListAsync()).Items.Count(n =>
                n.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true);
            if (ready >= settings.SchedulingNodes)
            {
                return new LoadResult(ready, 0, clock.Elapsed, new Samples(), null);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"only {ready} of {settings.SchedulingNodes} hollow nodes Ready after 5 min");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The median lag of each tenth of the pods in creation order: shows whether scheduling fell behind mid-run.</summary>
    private static string LagByTenth(List<(int Index, double Ms)> byIndex, int total)
    {
        var tenths = byIndex.GroupBy(l => Math.Min(9, l.Index * 10 / Math.Max(total, 1))).OrderBy(g => g.Key)
            .Select(g => Samples.Median(g.Select(l => l.Ms)).ToString("F0", CultureInfo.InvariantCulture));
        return string.Join(" ", tenths);
    }

    private async Task<(int Bound, long Last, Samples Lags, Dictionary<string, int> PerNode)> WatchBindsAsync(
        string ns, string resourceVersion, int total, ConcurrentDictionary<string, long> created,
        List<(int Index, double Ms)> lagsByIndex, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var lags = new Samples();
        var last = Stopwatch.GetTimestamp();
        try
        {
            await foreach (var e in client.Pods.WatchAsync(ns, resourceVersion, ct: ct))
            {
                if (e.Object?.Spec?.NodeName is not { Length: > 0 } node || !seen.Add(e.Object.Metadata.Name))
                {
                    continue;
                }

                last = Stopwatch.GetTimestamp();
                perNode[node] = perNode.GetValueOrDefault(node) + 1;
                if (created.TryGetValue(e.Object.Metadata.Name, out var at))
                {
                    var lag = Stopwatch.GetElapsedTime(at, last);
                    lags.Add(lag);
                    lagsByIndex.Add((int.Parse(e.Object.Metadata.Name.AsSpan(2), CultureInfo.InvariantCulture), lag.TotalMilliseconds));
                }

                if (seen.Count == total)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Deadline: report what was bound.
        }

        return (seen.Count, last, lags, perNode);
    }

    /// <summary>A Ready node with room for many small pods (32 cpu, 256Gi, 110 pods), as a kubelet would register it.</summary>
    private static V1Node Node(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new("32"),
                ["memory"] = new("256Gi"),
                ["pods"] = new("110"),
            },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
        },
    };
}
