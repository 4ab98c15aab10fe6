using k8s.Models;
using OrleansCluster.Abstractions;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests;

public sealed class ObjectGrainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansCluster.Api.OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task The_initial_namespaces_exist_and_are_active()
    {
        var names = (await Api.Namespaces.ListAsync()).Items.Select(n => n.Metadata.Name).ToList();

        Assert.Contains("default", names);
        Assert.Contains("kube-system", names);
        var ns = await Api.Namespaces.GetAsync("default");
        Assert.Equal("Active", ns!.Status.Phase);
        Assert.Equal(["kubernetes"], ns.Spec.Finalizers);
    }

    [Fact]
    public async Task A_list_larger_than_a_chunk_arrives_whole_in_order_at_one_resource_version()
    {
        await Api.Namespaces.CreateAsync(Namespace("many"));
        var names = Enumerable.Range(0, 1_234).Select(i => $"p-{i:D4}").ToList();
        foreach (var batch in names.Chunk(64))
        {
            await Task.WhenAll(batch.Select(n => Api.Pods.CreateAsync(Pod("many", n, new Dictionary<string, string> { ["app"] = "many" }))));
        }

        var list = await Api.Pods.ListAsync("many", "app=many");

        Assert.Equal(names, list.Items.Select(p => p.Metadata.Name));
        Assert.Equal(list.Items.Max(p => long.Parse(p.Metadata.ResourceVersion)).ToString(), list.ResourceVersion);
    }

    [Fact]
    public async Task A_created_pod_is_stamped_and_defaulted()
    {
        var pod = await Api.Pods.CreateAsync(Pod("default", "stamped"));

        Assert.True(Guid.TryParse(pod.Metadata.Uid, out _));
        Assert.NotNull(pod.Metadata.CreationTimestamp);
        Assert.Equal(1, pod.Metadata.Generation);
        Assert.True(long.Parse(pod.Metadata.ResourceVersion) > 0);
        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal(pod.Metadata.ResourceVersion, (await Api.Pods.GetAsync("stamped", "default"))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_fails_and_stores_nothing()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.CreateAsync(Pod("nowhere", "p")));

        Assert.Equal((404, "NotFound"), (e.Code, e.Reason));
        Assert.Equal("namespaces \"nowhere\" not found", e.Message);
        Assert.Empty((await Api.Pods.ListAsync("nowhere")).Items);
    }

    [Theory]
    [InlineData("Bad_Name", null, "metadata.name")]
    [InlineData("good", "-bad-label-", "metadata.labels")]
    public async Task Invalid_objects_are_rejected_with_causes_and_store_nothing(string name, string? label, string field)
    {
        var labels = label is null ? null : new Dictionary<string, string> { ["app"] = label };

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.CreateAsync(Pod("default", name, labels)));

        Assert.Equal((422, "Invalid"), (e.Code, e.Reason));
        Assert.Contains(e.Causes, c => c.Field.StartsWith(field, StringComparison.Ordinal));
        Assert.Null(await Api.Pods.GetAsync(name, "default"));
    }

    [Fact]
    public async Task A_pod_without_containers_is_invalid()
    {
        var pod = Pod("default", "empty");
        pod.Spec.Containers = [];

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.CreateAsync(pod));

        Assert.Contains(e.Causes, c => c.Field == "spec.containers" && c.Reason == "FieldValueRequired");
    }

    [Fact]
    public async Task A_stale_resourceVersion_conflicts_and_changes_nothing()
    {
        var created = await Api.Pods.CreateAsync(Pod("default", "stale"));
        var fresh = await Api.Pods.PatchAsync("stale", "default", new { metadata = new { labels = new { v = "2" } } });

        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "3" };
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.UpdateAsync(created));

        Assert.Equal((409, "Conflict"), (e.Code, e.Reason));
        var now = await Api.Pods.GetAsync("stale", "default");
        Assert.Equal(fresh.Metadata.ResourceVersion, now!.Metadata.ResourceVersion);
        Assert.Equal("2", now.Metadata.Labels["v"]);
    }

    [Fact]
    public async Task Generation_counts_spec_changes_only_and_status_has_its_own_path()
    {
        var pod = await Api.Pods.CreateAsync(Pod("default", "gen"));

        pod.Spec.Containers[0].Image = "busybox:1.37";
        pod.Status.Phase = "Running";
        var updated = await Api.Pods.UpdateAsync(pod);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("Pending", updated.Status.Phase);

        var labelled = await Api.Pods.PatchAsync("gen", "default", new { metadata = new { labels = new { a = "b" } } });
        Assert.Equal(2, labelled.Metadata.Generation);

        labelled.Status.Phase = "Running";
        labelled.Spec.Containers[0].Image = "ignored:1";
        var status = await Api.Pods.UpdateStatusAsync(labelled);
        Assert.Equal("Running", status.Status.Phase);
        Assert.Equal("busybox:1.37", status.Spec.Containers[0].Image);
        Assert.Equal(2, status.Metadata.Generation);
    }

    [Fact]
    public async Task Annotations_and_owner_references_are_stored_verbatim()
    {
        const string applied = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",  \"metadata\":{\"name\":\"verbatim\"}}\n";
        var pod = Pod("default", "verbatim");
        pod.Metadata.Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = applied };
        pod.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = Guid.NewGuid().ToString(), Controller = true },
        ];

        await Api.Pods.CreateAsync(pod);
        var stored = await Api.Pods.GetAsync("verbatim", "default");

        Assert.Equal(applied, stored!.Metadata.Annotations["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal(pod.Metadata.OwnerReferences[0].Uid, stored.Metadata.OwnerReferences.Single().Uid);
        Assert.True(stored.Metadata.OwnerReferences[0].Controller);
    }

    [Fact]
    public async Task An_oversized_object_is_rejected_and_stores_nothing()
    {
        var pod = Pod("default", "huge");
        pod.Metadata.Annotations = new Dictionary<string, string> { ["big"] = new string('x', 1_600_000) };

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.CreateAsync(pod));

        Assert.Equal(413, e.Code);
        Assert.Null(await Api.Pods.GetAsync("huge", "default"));
    }

    [Fact]
    public async Task Creating_twice_is_already_exists()
    {
        await Api.Services.CreateAsync(Service("default", "twice"));

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Services.CreateAsync(Service("default", "twice")));

        Assert.Equal((409, "AlreadyExists"), (e.Code, e.Reason));
    }

    [Fact]
    public async Task GenerateName_picks_a_fresh_name()
    {
        var pod = Pod("default", "");
        pod.Metadata.Name = null;
        pod.Metadata.GenerateName = "gen-";

        var a = await Api.Pods.CreateAsync(pod);
        var b = await Api.Pods.CreateAsync(pod);

        Assert.StartsWith("gen-", a.Metadata.Name, StringComparison.Ordinal);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }
}
