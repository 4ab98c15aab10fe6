using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Core.Resources;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests;

/// <summary>
/// Server-side dry runs (<c>dryRun=All</c>) through the client library: every verb answers what it would store and
/// changes nothing (no object, no revision, no watch event), and fails exactly as the real write would.
/// </summary>
public sealed class DryRunTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task Dry_runs_of_every_verb_answer_the_would_be_object_and_store_nothing()
    {
        await Api.Namespaces.CreateAsync(Namespace("dry"));
        var live = await Api.Pods.CreateAsync(Pod("dry", "live", new Dictionary<string, string> { ["app"] = "a" }));
        var held = Pod("dry", "held");
        held.Metadata.Finalizers = ["example.com/cleanup"];
        held = await Api.Pods.CreateAsync(held);
        var before = await SnapshotAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var firstEvent = FirstEventAsync("dry", before.ResourceVersion, cts.Token);

        // create, and create from generateName
        var ghost = await Api.Pods.CreateAsync(Pod("dry", "ghost"), dryRun: true);
        Assert.True(Guid.TryParse(ghost.Metadata.Uid, out _));
        Assert.NotNull(ghost.Metadata.CreationTimestamp);
        Assert.Null(ghost.Metadata.ResourceVersion);
        Assert.Equal("Always", ghost.Spec.RestartPolicy);
        var generated = Pod("dry", "");
        generated.Metadata.Name = null;
        generated.Metadata.GenerateName = "gen-";
        var named = await Api.Pods.CreateAsync(generated, dryRun: true);
        Assert.StartsWith("gen-", named.Metadata.Name, StringComparison.Ordinal);
        Assert.Null(named.Metadata.ResourceVersion);

        // update and status update: the updated object at the current resourceVersion
        var edited = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(live));
        edited.Metadata.Labels["app"] = "b";
        var updated = await Api.Pods.UpdateAsync(edited, dryRun: true);
        Assert.Equal(("b", live.Metadata.ResourceVersion), (updated.Metadata.Labels["app"], updated.Metadata.ResourceVersion));
        edited.Status = new V1PodStatus { Phase = "Running" };
        var statusUpdated = await Api.Pods.UpdateStatusAsync(edited, dryRun: true);
        Assert.Equal(("Running", "a"), (statusUpdated.Status.Phase, statusUpdated.Metadata.Labels["app"]));

        // every kind of patch, and server-side apply creating an absent object
        var merged = await Api.Pods.PatchAsync("live", "dry", new { metadata = new { labels = new { tier = "m" } } }, dryRun: true);
        var strategic = await Api.Pods.PatchAsync("live", "dry", PatchKind.Strategic, """{"metadata":{"labels":{"tier":"s"}}}""", dryRun: true);
        var jsonPatched = await Api.Pods.PatchAsync("live", "dry", PatchKind.Json,
            """[{"op":"add","path":"/metadata/labels/tier","value":"j"}]""", dryRun: true);
        var applied = await Api.Pods.PatchAsync("live", "dry", PatchKind.Apply,
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"live","labels":{"tier":"a"}}}""", dryRun: true);
        Assert.Equal(new[] { "m", "s", "j", "a" }, new[] { merged, strategic, jsonPatched, applied }.Select(p => p.Metadata.Labels["tier"]));
        Assert.All(new[] { merged, strategic, jsonPatched, applied }, p => Assert.Equal(live.Metadata.ResourceVersion, p.Metadata.ResourceVersion));
        var appliedNew = await Api.Pods.PatchAsync("applied", "dry", PatchKind.Apply,
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"applied"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""",
            dryRun: true);
        Assert.True(Guid.TryParse(appliedNew.Metadata.Uid, out _));
        Assert.Null(appliedNew.Metadata.ResourceVersion);

        // delete: removed at once, or marked while finalizers hold it; removing the finalizers then would remove it
        var (gone, removed) = await Api.Pods.DeleteAsync("live", "dry", dryRun: true);
        Assert.True(removed);
        Assert.Equal((live.Metadata.Uid, live.Metadata.ResourceVersion), (gone.Metadata.Uid, gone.Metadata.ResourceVersion));
        var (marked, markedRemoved) = await Api.Pods.DeleteAsync("held", "dry", new DeleteRequest { DryRun = true });
        Assert.False(markedRemoved);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(held.Metadata.ResourceVersion, marked.Metadata.ResourceVersion);
        var (ns, nsRemoved) = await Api.Namespaces.DeleteAsync("dry", dryRun: true);
        Assert.Equal((false, "Terminating"), (nsRemoved, ns.Status.Phase));
        Assert.NotNull(ns.Metadata.DeletionTimestamp);

        var after = await SnapshotAsync();
        Assert.Equal(before.Json, after.Json);
        Assert.Equal(before.ResourceVersion, after.ResourceVersion);
        Assert.Null(await Api.Pods.GetAsync("ghost", "dry"));
        Assert.Null(await Api.Pods.GetAsync("applied", "dry"));
        Assert.Null((await Api.Namespaces.GetAsync("dry"))!.Metadata.DeletionTimestamp);

        // The next real write takes the next revision, and it is the first change a watcher sees.
        var next = await Api.Pods.CreateAsync(Pod("dry", "next"));
        Assert.Equal(long.Parse(before.ResourceVersion) + 1, long.Parse(next.Metadata.ResourceVersion));
        var first = await firstEvent;
        Assert.Equal(("ADDED", "next", next.Metadata.ResourceVersion), (first.Type, first.Object!.Metadata.Name, first.ResourceVersion));
    }

    [Fact]
    public async Task A_dry_run_that_would_remove_an_object_held_by_finalizers_answers_it_removed_and_keeps_it()
    {
        await Api.Namespaces.CreateAsync(Namespace("dry-final"));
        var pod = Pod("dry-final", "held");
        pod.Metadata.Finalizers = ["example.com/cleanup"];
        await Api.Pods.CreateAsync(pod);
        var (marked, _) = await Api.Pods.DeleteAsync("held", "dry-final");

        var released = await Api.Pods.PatchAsync("held", "dry-final", new { metadata = new { finalizers = (string[]?)null } }, dryRun: true);

        Assert.Null(released.Metadata.Finalizers);
        Assert.Equal(marked.Metadata.ResourceVersion, released.Metadata.ResourceVersion);
        var still = await Api.Pods.GetAsync("held", "dry-final");
        Assert.Equal(marked.Metadata.ResourceVersion, still!.Metadata.ResourceVersion);
        Assert.Equal(["example.com/cleanup"], still.Metadata.Finalizers);
    }

    [Fact]
    public async Task A_dry_run_finalize_answers_the_namespace_without_its_finalizers_and_keeps_them()
    {
        var created = await Api.Namespaces.CreateAsync(Namespace("dry-finalize"));
        var grain = cluster.Cluster.GetGrain<IObjectGrain>(ResourceTypes.Namespace.ObjectKey(null, "dry-finalize"));
        var given = new V1Namespace { Metadata = new() { Name = "dry-finalize" }, Spec = new() { Finalizers = [] } };

        var answer = KubernetesJson.Deserialize<V1Namespace>(await grain.Finalize(KubernetesJson.Serialize(given), dryRun: true));

        Assert.Empty(answer.Spec.Finalizers ?? []);
        Assert.Equal(created.Metadata.ResourceVersion, answer.Metadata.ResourceVersion);
        Assert.Equal(["kubernetes"], (await Api.Namespaces.GetAsync("dry-finalize"))!.Spec.Finalizers);
    }

    [Fact]
    public async Task Dry_runs_fail_exactly_as_the_real_writes_do()
    {
        await Api.Namespaces.CreateAsync(Namespace("dry-errors"));
        var live = await Api.Pods.CreateAsync(Pod("dry-errors", "live"));
        var stale = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(live));
        await Api.Pods.PatchAsync("live", "dry-errors", new { metadata = new { labels = new { v = "2" } } });
        var invalid = Pod("dry-errors", "Bad_Name");
        var empty = Pod("dry-errors", "empty");
        empty.Spec.Containers = [];

        // Each pair: the dry run, then the real call; same code, reason, message and causes.
        (Func<bool, Task> Call, int Code)[] cases =
        [
            (d => Api.Pods.CreateAsync(invalid, d), 422),
            (d => Api.Pods.CreateAsync(empty, d), 422),
            (d => Api.Pods.CreateAsync(Pod("dry-errors", "live"), d), 409),
            (d => Api.Pods.CreateAsync(Pod("nowhere", "p"), d), 404),
            (d => Api.Pods.UpdateAsync(stale, d), 409),
            (d => Api.Pods.PatchAsync("live", "dry-errors", new { metadata = new { labels = new { v = "-bad-" } } }, d), 422),
            (d => Api.Pods.PatchAsync("missing", "dry-errors", new { metadata = new { labels = new { v = "1" } } }, d), 404),
            (d => Api.Pods.DeleteAsync("missing", "dry-errors", dryRun: d), 404),
            (d => Api.Pods.DeleteAsync("live", "dry-errors", new DeleteRequest { ResourceVersion = "1" }, d), 409),
            (d => Api.Namespaces.DeleteAsync("default", dryRun: d), 403),
        ];
        foreach (var (call, code) in cases)
        {
            var dry = await Assert.ThrowsAsync<ApiException>(() => call(true));
            var real = await Assert.ThrowsAsync<ApiException>(() => call(false));
            Assert.Equal(code, dry.Code);
            Assert.Equal((real.Code, real.Reason, real.Message), (dry.Code, dry.Reason, dry.Message));
            Assert.Equal(real.Causes, dry.Causes);
        }
    }

    [Fact]
    public async Task A_delete_answers_with_the_revision_of_the_deletion_that_the_DELETED_event_carries()
    {
        await Api.Namespaces.CreateAsync(Namespace("delete-rv"));
        var pod = await Api.Pods.CreateAsync(Pod("delete-rv", "p"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var deletedEvent = FirstEventAsync("delete-rv", pod.Metadata.ResourceVersion, cts.Token);

        var (answer, removed) = await Api.Pods.DeleteAsync("p", "delete-rv");

        Assert.True(removed);
        Assert.True(long.Parse(answer.Metadata.ResourceVersion) > long.Parse(pod.Metadata.ResourceVersion));
        var e = await deletedEvent;
        Assert.Equal("DELETED", e.Type);
        Assert.Equal(answer.Metadata.ResourceVersion, e.ResourceVersion);
        Assert.Equal(answer.Metadata.ResourceVersion, e.Object!.Metadata.ResourceVersion);
    }

    private async Task<(string Json, string ResourceVersion)> SnapshotAsync()
    {
        var pods = await Api.Pods.ListAsync("dry");
        var namespaces = await Api.Namespaces.ListAsync();
        return (KubernetesJson.Serialize(pods.Items) + KubernetesJson.Serialize(namespaces.Items), pods.ResourceVersion);
    }

    /// <summary>The first change to the pods of <paramref name="ns"/> after <paramref name="resourceVersion"/>.</summary>
    private Task<WatchEvent<V1Pod>> FirstEventAsync(string ns, string resourceVersion, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var e in Api.Pods.WatchAsync(ns, resourceVersion, ct: ct))
        {
            return e;
        }

        throw new InvalidOperationException("the watch ended");
    });
}
