using k8s.Models;
using OrleansCluster.Abstractions;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests;

public sealed class DeletionTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansCluster.Api.OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task An_unscheduled_pod_is_removed_at_once()
    {
        await Api.Pods.CreateAsync(Pod("default", "loose"));

        var (_, removed) = await Api.Pods.DeleteAsync("loose", "default");

        Assert.True(removed);
        Assert.Null(await Api.Pods.GetAsync("loose", "default"));
        Assert.DoesNotContain((await Api.Pods.ListAsync("default")).Items, p => p.Metadata.Name == "loose");
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_they_are_removed()
    {
        var pod = Pod("default", "held");
        pod.Metadata.Finalizers = ["example.com/cleanup"];
        await Api.Pods.CreateAsync(pod);

        var (marked, removed) = await Api.Pods.DeleteAsync("held", "default");

        Assert.False(removed);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(await Api.Pods.GetAsync("held", "default"));

        await Api.Pods.PatchAsync("held", "default", new { metadata = new { finalizers = (string[]?)null } });

        Assert.Null(await Api.Pods.GetAsync("held", "default"));
    }

    [Fact]
    public async Task A_pod_on_a_node_waits_out_its_grace_period_unless_forced()
    {
        var pod = Pod("default", "bound");
        pod.Spec.NodeName = "node-1";
        pod.Spec.TerminationGracePeriodSeconds = 45;
        await Api.Pods.CreateAsync(pod);

        var (marked, removed) = await Api.Pods.DeleteAsync("bound", "default");
        Assert.False(removed);
        Assert.Equal(45, marked.Metadata.DeletionGracePeriodSeconds);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        var (_, forced) = await Api.Pods.DeleteAsync("bound", "default", new DeleteRequest { GracePeriodSeconds = 0 });
        Assert.True(forced);
        Assert.Null(await Api.Pods.GetAsync("bound", "default"));
    }

    [Fact]
    public async Task Delete_preconditions_that_do_not_hold_conflict_and_change_nothing()
    {
        var created = await Api.Services.CreateAsync(Service("default", "guarded"));

        var wrongUid = await Assert.ThrowsAsync<ApiException>(() =>
            Api.Services.DeleteAsync("guarded", "default", new DeleteRequest { Uid = Guid.NewGuid().ToString() }));
        var wrongVersion = await Assert.ThrowsAsync<ApiException>(() =>
            Api.Services.DeleteAsync("guarded", "default", new DeleteRequest { ResourceVersion = "1" }));

        Assert.Equal(409, wrongUid.Code);
        Assert.Equal(409, wrongVersion.Code);
        Assert.Equal(created.Metadata.ResourceVersion, (await Api.Services.GetAsync("guarded", "default"))!.Metadata.ResourceVersion);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    public async Task The_system_namespaces_may_not_be_deleted(string name)
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Namespaces.DeleteAsync(name));

        Assert.Equal((403, "Forbidden"), (e.Code, e.Reason));
        Assert.Equal("Active", (await Api.Namespaces.GetAsync(name))!.Status.Phase);
    }

    [Fact]
    public async Task Deleting_a_missing_object_is_not_found()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.DeleteAsync("never", "default"));

        Assert.Equal((404, "NotFound"), (e.Code, e.Reason));
    }

    [Fact]
    public async Task Deleting_a_namespace_terminates_it_empties_it_then_removes_it()
    {
        await Api.Namespaces.CreateAsync(Namespace("team-a"));
        await Api.Pods.CreateAsync(Pod("team-a", "web", new Dictionary<string, string> { ["app"] = "web" }));
        await Api.Services.CreateAsync(Service("team-a", "web"));
        var held = Pod("team-a", "held");
        held.Metadata.Finalizers = ["example.com/cleanup"];
        await Api.Pods.CreateAsync(held);

        var (ns, removed) = await Api.Namespaces.DeleteAsync("team-a");

        Assert.False(removed);
        Assert.Equal("Terminating", ns.Status.Phase);
        var refused = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.CreateAsync(Pod("team-a", "late")));
        Assert.Equal((403, "Forbidden"), (refused.Code, refused.Reason));

        // The controller deletes the content; the finalized pod holds the namespace until its finalizer goes.
        await EventuallyAsync(
            async () => (await Api.Pods.ListAsync("team-a")).Items.All(p => p.Metadata.Name == "held")
                && (await Api.Services.ListAsync("team-a")).Items.Count == 0,
            "team-a emptied but for the held pod");
        Assert.NotNull(await Api.Namespaces.GetAsync("team-a"));

        await Api.Pods.PatchAsync("held", "team-a", new { metadata = new { finalizers = (string[]?)null } });

        await EventuallyAsync(async () => await Api.Namespaces.GetAsync("team-a") is null, "team-a removed");
        Assert.Empty((await Api.Pods.ListAsync("team-a")).Items);
    }
}
