using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansCluster.Api;
using OrleansCluster.Core.Objects;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// Everything acknowledged survives losing every process of the cluster: two silos and a client write objects of
/// every kind, both silos are SIGKILLed, fresh silos start on the same database and a new client reads it all back.
/// </summary>
public sealed class KillEverySiloTests(ITestOutputHelper output)
{
    private static readonly string[] TeamNamespaces = ["team-a", "team-b"];

    [Fact]
    public async Task Every_acknowledged_object_is_read_back_identical_after_all_silos_are_SIGKILLed_and_restarted()
    {
        var run = Stopwatch.StartNew();
        await using var cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(KillEverySiloTests));
        var first = await cluster.StartSilosAsync("silo-1", "silo-2");
        var client = await cluster.ConnectClientAsync();
        output.WriteLine($"2 silos ready ({cluster.ReadyTimes()}) and client connected after {run.Elapsed.TotalSeconds:F1} s");

        var written = await WriteEveryKindAsync(client.Api);
        var before = await SnapshotAsync(client.Api);
        var newest = written.Values.Max(Version);
        output.WriteLine($"wrote {written.Count} objects, newest resourceVersion {newest}; {before.Count} objects listed in all");

        foreach (var silo in first)
        {
            silo.Kill();
        }

        await client.DisposeAsync();
        var restart = Stopwatch.StartNew();
        await Task.WhenAll(first.Select(cluster.RestartSiloAsync));
        var fresh = await cluster.ConnectClientAsync();
        output.WriteLine($"after SIGKILL of every silo: 2 fresh silos ready and a new client connected in {restart.Elapsed.TotalSeconds:F1} s ({cluster.ReadyTimes()})");

        foreach (var (key, obj) in written)
        {
            var read = await GetAsync(fresh.Api, key);
            Assert.True(read is not null, $"{key} is gone after the restart");
            AssertSameJson(key, ModelCodec.Write(obj), ModelCodec.Write(read));
        }

        var after = await SnapshotAsync(fresh.Api);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, e => AssertSameJson(e.Key, e.Value, after[e.Key]));

        var next = await fresh.Api.Pods.PatchAsync("pod-0", "team-a", """{"metadata":{"labels":{"after":"restart"}}}""");
        var created = await fresh.Api.Pods.CreateAsync(Manifests.Pod("team-b", "after-restart"));
        Assert.True(Version(next) > newest, $"a write after the restart got resourceVersion {Version(next)}, not above {newest}");
        Assert.True(Version(created) > Version(next), $"resourceVersion {Version(created)} after {Version(next)}");
        output.WriteLine($"writes after the restart got resourceVersions {Version(next)}, {Version(created)}; test ran {run.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Namespaces, pods (some patched and updated after creation), services, events and a node.</summary>
    private static async Task<Dictionary<string, IKubernetesObject<V1ObjectMeta>>> WriteEveryKindAsync(OrleansClusterClient api)
    {
        var written = new Dictionary<string, IKubernetesObject<V1ObjectMeta>>();
        void Keep(string kind, IKubernetesObject<V1ObjectMeta> obj) =>
            written[$"{kind}/{obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}"] = obj;

        foreach (var ns in TeamNamespaces)
        {
            Keep("namespaces", await api.Namespaces.CreateAsync(Manifests.Namespace(ns)));
        }

        foreach (var ns in TeamNamespaces.Append("default"))
        {
            for (var i = 0; i < 4; i++)
            {
                Keep("pods", await api.Pods.CreateAsync(Manifests.Pod(ns, $"pod-{i}")));
            }

            Keep("pods", await api.Pods.PatchAsync("pod-1", ns, """{"metadata":{"labels":{"patched":"yes"},"annotations":{"patched":"once"}}}"""));
            var pod = (await api.Pods.GetAsync("pod-2", ns))!;
            pod.Metadata.Labels["updated"] = "yes";
            Keep("pods", await api.Pods.UpdateAsync(pod));
            Keep("services", await api.Services.CreateAsync(Manifests.Service(ns, "web")));
            Keep("events", await api.Events.CreateAsync(Manifests.Event(ns, "pod-0.started", "pod-0")));
        }

        Keep("nodes", await api.Nodes.CreateAsync(Manifests.Node("node-1")));
        return written;
    }

    private static async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(OrleansClusterClient api, string key)
    {
        var parts = key.Split('/');
        var (kind, ns, name) = (parts[0], parts[1].Length == 0 ? null : parts[1], parts[2]);
        return kind switch
        {
            "namespaces" => await api.Namespaces.GetAsync(name),
            "pods" => await api.Pods.GetAsync(name, ns),
            "services" => await api.Services.GetAsync(name, ns),
            "events" => await api.Events.GetAsync(name, ns),
            "nodes" => await api.Nodes.GetAsync(name),
            _ => throw new ArgumentException(key),
        };
    }

    /// <summary>Every object of every kind, as the store lists it: key to JSON.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(OrleansClusterClient api)
    {
        var snapshot = new Dictionary<string, string>();
        void Add(string kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> items)
        {
            foreach (var o in items)
            {
                snapshot.Add($"{kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name}", ModelCodec.Write(o));
            }
        }

        Add("namespaces", (await api.Namespaces.ListAsync()).Items);
        Add("pods", (await api.Pods.ListAsync()).Items);
        Add("services", (await api.Services.ListAsync()).Items);
        Add("events", (await api.Events.ListAsync()).Items);
        Add("nodes", (await api.Nodes.ListAsync()).Items);
        return snapshot;
    }

    /// <summary>
    /// Same JSON, object members in any order: the store keeps objects as jsonb, which orders keys its own way, so a
    /// map (labels, annotations) can come back in another order than it was written, as a map.
    /// </summary>
    private static void AssertSameJson(string key, string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)),
            $"{key} differs after the restart:\nbefore: {expected}\nafter:  {actual}");

    private static long Version(IKubernetesObject<V1ObjectMeta> obj) =>
        long.Parse(obj.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
}
