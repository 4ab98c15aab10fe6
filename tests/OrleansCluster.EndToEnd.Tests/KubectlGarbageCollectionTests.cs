using System.Text.Json.Nodes;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>
/// <c>kubectl delete rs --cascade=…</c> against the cluster's ReplicaSet controller (which makes the pods, owned with
/// blockOwnerDeletion) and garbage collector. No nodes run here, so the pods stay Pending and go at once when deleted.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class KubectlGarbageCollectionTests(GatewayCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private Kubectl K => cluster.Kubectl;

    private static string ReplicaSet(string name) => $"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: {name}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: main
                image: busybox:1.36
        """;

    [Theory]
    [InlineData("background")]
    [InlineData("foreground")]
    public async Task Deleting_a_ReplicaSet_with_its_dependents_removes_its_pods(string cascade)
    {
        var ns = await StartAsync($"e2e-gc-{cascade}", "front");

        var deleted = (await K.RunAsync("delete", "rs", "front", "-n", ns, $"--cascade={cascade}")).Ok();

        Assert.Equal("replicaset.apps \"front\" deleted", deleted.Trim());
        Assert.Equal("", (await K.RunAsync("get", "rs", "-n", ns, "-o", "name")).Ok().Trim());
        await Eventually.True(async () => (await PodsAsync(ns)).Count == 0, Deadline, "the pods collected");
    }

    [Fact]
    public async Task Deleting_a_ReplicaSet_with_cascade_orphan_leaves_its_pods_without_an_owner()
    {
        var ns = await StartAsync("e2e-gc-orphan", "front");
        var before = (await PodsAsync(ns)).Select(p => p["metadata"]!["uid"]!.GetValue<string>()).Order().ToList();

        var deleted = (await K.RunAsync("delete", "rs", "front", "-n", ns, "--cascade=orphan")).Ok();

        Assert.Equal("replicaset.apps \"front\" deleted", deleted.Trim());
        Assert.Equal("", (await K.RunAsync("get", "rs", "-n", ns, "-o", "name")).Ok().Trim());
        var after = await PodsAsync(ns);
        Assert.Equal(before, after.Select(p => p["metadata"]!["uid"]!.GetValue<string>()).Order());
        Assert.All(after, p => Assert.Null(p["metadata"]!["ownerReferences"]));
    }

    /// <summary>A namespace with a ReplicaSet whose controller has made its two pods.</summary>
    private async Task<string> StartAsync(string ns, string name)
    {
        (await K.RunAsync("create", "namespace", ns)).Ok();
        (await K.RunAsync(ReplicaSet(name), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        await Eventually.True(async () => (await PodsAsync(ns)).Count == 2, Deadline, "the ReplicaSet's pods made");
        return ns;
    }

    private async Task<List<JsonNode>> PodsAsync(string ns) =>
        JsonNode.Parse((await K.RunAsync("get", "pods", "-n", ns, "-o", "json")).Ok())!["items"]!.AsArray().Select(p => p!).ToList();
}
