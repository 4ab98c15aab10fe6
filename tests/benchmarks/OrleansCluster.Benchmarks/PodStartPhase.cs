using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// Pod start latency (issue 4): a pod created through the client library until a watch shows it Running (the
/// scheduler binds it, the node agent creates and starts its sandbox and container and reports the status), against
/// the raw Docker API creating and starting the same two containers (a sandbox, then the app container in its network
/// namespace) from this process. The two alternate, one pod at a time, each torn down before the next, so the
/// machine's noise hits both alike. Needs a cluster with a Docker node and the scheduler (run.sh's <c>pods</c> scenario).
/// </summary>
public sealed class PodStartPhase(OrleansClusterClient client, BenchSettings settings)
{
    private const string Image = "orleanscluster/busybox:local";
    private const int WarmUps = 2;
    private static readonly string[] Command = ["/bin/sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public async Task<List<Metric>> RunAsync()
    {
        var ns = $"{settings.RunId}-start";
        await client.Namespaces.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        using var docker = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
        var running = new ConcurrentDictionary<string, TaskCompletionSource>();
        var gone = new ConcurrentDictionary<string, TaskCompletionSource>();
        using var stop = new CancellationTokenSource();
        var list = await client.Pods.ListAsync(ns);
        var watcher = Task.Run(() => WatchAsync(ns, list.ResourceVersion, running, gone, stop.Token));

        var api = new Samples();
        var raw = new Samples();
        var slowest = new List<(string Pod, double Ms)>();
        try
        {
            for (var i = 0; i < WarmUps + settings.PodStarts; i++)
            {
                var counted = i >= WarmUps;
                var rawTime = await RawStartAsync(docker, i);
                var name = $"p-{i.ToString(CultureInfo.InvariantCulture)}";
                var apiTime = await ApiStartAsync(ns, name, running, gone);
                if (counted)
                {
                    raw.Add(rawTime);
                    api.Add(apiTime);
                    slowest.Add((name, apiTime.TotalMilliseconds));
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watcher.ContinueWith(_ => { }, CancellationToken.None);
        }

        var a = api.Snapshot();
        var r = raw.Snapshot();
        var note = $"{settings.PodStarts} pods one at a time, 1 container each, image {Image}, after {WarmUps} warm-ups";
        return
        [
            new Metric("podstart.api.p50", a.Percentile(50), "ms", Note: "client create -> Running seen on a watch; " + note),
            new Metric("podstart.api.p99", a.Percentile(99), "ms", 1000, "slowest: " + string.Join(", ",
                slowest.OrderByDescending(x => x.Ms).Take(3).Select(x => $"{ns}/{x.Pod} {x.Ms:F0} ms"))),
            new Metric("podstart.docker.p50", r.Percentile(50), "ms", Note: "Docker API: create+start sandbox, create+start container"),
            new Metric("podstart.docker.p99", r.Percentile(99), "ms"),
            new Metric("ratio.podstart.api/docker.p50", a.Percentile(50) / r.Percentile(50), "×", 1.3),
            new Metric("ratio.podstart.api/docker.p99", a.Percentile(99) / r.Percentile(99), "×"),
        ];
    }

    private static async Task<TimeSpan> RawStartAsync(DockerClient docker, int i)
    {
        var labels = new Dictionary<string, string> { ["orleanscluster.bench"] = "podstart" };
        var start = Stopwatch.GetTimestamp();
        var sandbox = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"bench-raw-{Environment.ProcessId}-{i}-sandbox",
            Image = Image,
            Entrypoint = Command,
            Cmd = [],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "bridge", IpcMode = "shareable" },
        });
        await docker.Containers.StartContainerAsync(sandbox.ID, new ContainerStartParameters());
        var app = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"bench-raw-{Environment.ProcessId}-{i}-app",
            Image = Image,
            Entrypoint = Command,
            Cmd = [],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = $"container:{sandbox.ID}", IpcMode = $"container:{sandbox.ID}" },
        });
        await docker.Containers.StartContainerAsync(app.ID, new ContainerStartParameters());
        var elapsed = Stopwatch.GetElapsedTime(start);

        foreach (var id in new[] { app.ID, sandbox.ID })
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }

        return elapsed;
    }

    private async Task<TimeSpan> ApiStartAsync(
        string ns, string name, ConcurrentDictionary<string, TaskCompletionSource> running,
        ConcurrentDictionary<string, TaskCompletionSource> gone)
    {
        var isRunning = running.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var start = Stopwatch.GetTimestamp();
        await client.Pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "app", Image = Image, ImagePullPolicy = "Never", Command = Command }],
            },
        });
        await isRunning.Task.WaitAsync(Deadline);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var isGone = gone.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await client.Pods.DeleteAsync(name, ns);
        await isGone.Task.WaitAsync(Deadline);
        return elapsed;
    }

    private async Task WatchAsync(
        string ns, string resourceVersion, ConcurrentDictionary<string, TaskCompletionSource> running,
        ConcurrentDictionary<string, TaskCompletionSource> gone, CancellationToken ct)
    {
        await foreach (var e in client.Pods.WatchAsync(ns, resourceVersion, ct: ct))
        {
            if (e.Object?.Metadata.Name is not { } name)
            {
                continue;
            }

            if (e.Type == "DELETED")
            {
                gone.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            else if (e.Object.Status?.Phase == "Running")
            {
                running.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }
}
