using k8s.Models;
using OrleansCluster.Abstractions;
using static OrleansCluster.Grains.Tests.GarbageCollection.Owned;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests.GarbageCollection;

/// <summary>The garbage collector as the cluster runs it, driven by deletes with each propagation policy.</summary>
public sealed class GarbageCollectorTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansCluster.Api.OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task Background_removes_the_owner_at_once_and_its_dependents_afterwards()
    {
        var ns = await NamespaceAsync(Api, "gc-background");
        var owner = await CreateAsync(Api, ns, "owner");
        await CreateAsync(Api, ns, "a", Reference(owner));
        await CreateAsync(Api, ns, "b", Reference(owner, block: true));
        var bystander = await CreateAsync(Api, ns, "bystander");

        var (_, removed) = await Api.Pods.DeleteAsync("owner", ns, new DeleteRequest { PropagationPolicy = "Background" });

        Assert.True(removed);
        Assert.Null(await Api.Pods.GetAsync("owner", ns));
        await EventuallyAsync(async () => (await Api.Pods.ListAsync(ns)).Items.Select(p => p.Metadata.Name).SequenceEqual(["bystander"]),
            "the dependents collected, the bystander kept");
        Assert.Equal(bystander.Metadata.Uid, (await Api.Pods.GetAsync("bystander", ns))!.Metadata.Uid);
    }

    [Fact]
    public async Task A_pod_deleted_without_a_policy_takes_its_dependents_with_it()
    {
        var ns = await NamespaceAsync(Api, "gc-default");
        var owner = await CreateAsync(Api, ns, "owner");
        await CreateAsync(Api, ns, "a", Reference(owner));

        var (deleted, removed) = await Api.Pods.DeleteAsync("owner", ns);

        Assert.True(removed);
        Assert.Null(deleted.Metadata.Finalizers);
        await EventuallyAsync(async () => await Api.Pods.GetAsync("a", ns) is null, "the dependent collected");
    }

    [Fact]
    public async Task Foreground_holds_the_owner_until_its_blocking_dependents_are_gone()
    {
        var ns = await NamespaceAsync(Api, "gc-foreground");
        var owner = await CreateAsync(Api, ns, "owner");
        await CreateAsync(Api, ns, "free", Reference(owner));
        var blocker = Pod(ns, "blocker");
        blocker.Metadata.OwnerReferences = [Reference(owner, block: true)];
        blocker.Metadata.Finalizers = ["example.com/hold"]; // Keeps the blocker (so the owner) until the test lets go.
        await Api.Pods.CreateAsync(blocker);

        var (marked, removed) = await Api.Pods.DeleteAsync("owner", ns, new DeleteRequest { PropagationPolicy = "Foreground" });

        Assert.False(removed);
        Assert.Equal(["foregroundDeletion"], marked.Metadata.Finalizers);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        await EventuallyAsync(
            async () => await Api.Pods.GetAsync("free", ns) is null
                && (await Api.Pods.GetAsync("blocker", ns))?.Metadata.DeletionTimestamp is not null,
            "the dependents deleted (the blocker marked, held by its finalizer)");
        var waiting = await Api.Pods.GetAsync("owner", ns);
        Assert.NotNull(waiting!.Metadata.DeletionTimestamp);
        Assert.Equal(["foregroundDeletion"], waiting.Metadata.Finalizers);

        await Api.Pods.PatchAsync("blocker", ns, new { metadata = new { finalizers = (string[]?)null } });

        await EventuallyAsync(async () => await Api.Pods.GetAsync("owner", ns) is null, "the owner removed once the blocker is gone");
        Assert.Null(await Api.Pods.GetAsync("blocker", ns));
    }

    [Fact]
    public async Task Orphan_removes_the_owner_and_leaves_its_dependents_without_the_reference()
    {
        var ns = await NamespaceAsync(Api, "gc-orphan");
        var owner = await CreateAsync(Api, ns, "owner");
        var other = await CreateAsync(Api, ns, "other");
        await CreateAsync(Api, ns, "a", Reference(owner, block: true));
        await CreateAsync(Api, ns, "b", Reference(owner), Reference(other));

        var (marked, removed) = await Api.Pods.DeleteAsync("owner", ns, new DeleteRequest { PropagationPolicy = "Orphan" });

        Assert.False(removed);
        Assert.Equal(["orphan"], marked.Metadata.Finalizers);
        await EventuallyAsync(async () => await Api.Pods.GetAsync("owner", ns) is null, "the owner removed after orphaning");
        var a = await Api.Pods.GetAsync("a", ns);
        var b = await Api.Pods.GetAsync("b", ns);
        Assert.Null(a!.Metadata.OwnerReferences);
        Assert.Equal([other.Metadata.Uid], b!.Metadata.OwnerReferences.Select(r => r.Uid));
    }

    [Fact]
    public async Task A_dependent_whose_owner_uid_does_not_exist_is_deleted()
    {
        var ns = await NamespaceAsync(Api, "gc-dangling");
        var impostor = await CreateAsync(Api, ns, "impostor"); // Same name as the reference, another uid.
        await CreateAsync(Api, ns, "lost", Ghost());
        await CreateAsync(Api, ns, "misled", Ghost("impostor"));

        await EventuallyAsync(
            async () => await Api.Pods.GetAsync("lost", ns) is null && await Api.Pods.GetAsync("misled", ns) is null,
            "both dependents collected");
        Assert.Equal(impostor.Metadata.Uid, (await Api.Pods.GetAsync("impostor", ns))!.Metadata.Uid);
    }

    [Fact]
    public async Task A_reference_to_a_kind_the_cluster_does_not_serve_leaves_the_dependent_alone()
    {
        var ns = await NamespaceAsync(Api, "gc-unserved");
        var widget = new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "w", Uid = Guid.NewGuid().ToString() };
        await CreateAsync(Api, ns, "widget-owned", widget, Ghost());
        await CreateAsync(Api, ns, "lost", Ghost());

        // The collector looks at both on creation; the lost one going shows it has looked.
        await EventuallyAsync(async () => await Api.Pods.GetAsync("lost", ns) is null, "the lost pod collected");
        Assert.NotNull(await Api.Pods.GetAsync("widget-owned", ns));
    }

    [Fact]
    public async Task A_reference_to_an_owner_in_another_namespace_is_reported_and_the_dependent_collected()
    {
        var ns = await NamespaceAsync(Api, "gc-cross");
        var elsewhere = await NamespaceAsync(Api, "gc-cross-owner");
        var owner = await CreateAsync(Api, elsewhere, "owner");
        await CreateAsync(Api, ns, "astray", Reference(owner));

        await EventuallyAsync(async () => await Api.Pods.GetAsync("astray", ns) is null, "the dependent collected");
        var reported = (await Api.Events.ListAsync(ns)).Items.Single(e => e.Reason == "OwnerRefInvalidNamespace");
        Assert.Equal(("Warning", "astray"), (reported.Type, reported.InvolvedObject.Name));
        Assert.Equal(
            $"ownerRef [v1/Pod, namespace: {ns}, name: owner, uid: {owner.Metadata.Uid}] does not exist in namespace \"{ns}\"",
            reported.Message);
        Assert.NotNull(await Api.Pods.GetAsync("owner", elsewhere));
    }
}
