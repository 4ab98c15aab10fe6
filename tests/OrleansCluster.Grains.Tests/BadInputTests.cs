using k8s.Models;
using OrleansCluster.Abstractions;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests;

/// <summary>Raw requests as the gateway will send them: each bad one gets a clear error and the store is unchanged.</summary>
public sealed class BadInputTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private IObjectGrain PodGrain(string ns, string name) => cluster.Cluster.GetGrain<IObjectGrain>($"pods/{ns}/{name}");

    public static TheoryData<string, string, int, string> BadCreates => new()
    {
        { "malformed JSON", "{\"metadata\": {\"name\": ", 400, "BadRequest" },
        { "not an object", "[1, 2, 3]", 400, "BadRequest" },
        { "wrong kind", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"bad\"}}", 400, "BadRequest" },
        { "wrong apiVersion", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"bad\"}}", 400, "BadRequest" },
        { "other name than the URL", "{\"metadata\":{\"name\":\"other\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}", 400, "BadRequest" },
        { "other namespace than the URL", "{\"metadata\":{\"name\":\"bad\",\"namespace\":\"kube-system\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}", 400, "BadRequest" },
        { "no containers", "{\"metadata\":{\"name\":\"bad\"},\"spec\":{}}", 422, "Invalid" },
        { "container without image", "{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}", 422, "Invalid" },
        { "bad restart policy", "{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"restartPolicy\":\"Sometimes\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}", 422, "Invalid" },
        { "invalid label value", "{\"metadata\":{\"name\":\"bad\",\"labels\":{\"a\":\"-x-\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}", 422, "Invalid" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_is_rejected_and_changes_nothing(string what, string body, int code, string reason)
    {
        var before = await HeadAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() => PodGrain("default", "bad").Create(body));

        Assert.True((code, reason) == (e.Code, e.Reason), $"{what}: got {e.Code} {e.Reason}: {e.Message}");
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal(before, await HeadAsync());
        Assert.Null(await PodGrain("default", "bad").Get());
    }

    [Fact]
    public async Task A_bad_update_or_patch_is_rejected_and_changes_nothing()
    {
        var created = await cluster.Client.Pods.CreateAsync(Pod("default", "target"));
        var before = await HeadAsync();

        var malformedPatch = await Assert.ThrowsAsync<ApiException>(() => PodGrain("default", "target").Patch(new PatchRequest(PatchKind.Merge, "{oops")));
        var invalidPatch = await Assert.ThrowsAsync<ApiException>(() =>
            PodGrain("default", "target").Patch(new PatchRequest(PatchKind.Merge, "{\"metadata\":{\"labels\":{\"bad key!\":\"v\"}}}")));
        var immutable = await Assert.ThrowsAsync<ApiException>(() =>
            PodGrain("default", "target").Patch(new PatchRequest(PatchKind.Merge, "{\"spec\":{\"restartPolicy\":\"Never\"}}")));

        Assert.Equal(400, malformedPatch.Code);
        Assert.Equal(422, invalidPatch.Code);
        Assert.Equal(422, immutable.Code);
        Assert.Equal(before, await HeadAsync());
        Assert.Equal(created.Metadata.ResourceVersion, (await cluster.Client.Pods.GetAsync("target", "default"))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Nodes_and_events_are_objects_too()
    {
        var node = await cluster.Client.Nodes.CreateAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "node-1", Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-1" } },
        });
        var ev = await cluster.Client.Events.CreateAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.1", NamespaceProperty = "default" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "default" },
            Reason = "Scheduled",
            Message = "Successfully assigned default/web to node-1",
            Type = "Normal",
        });

        Assert.Null(node.Metadata.NamespaceProperty);
        Assert.Equal("node-1", (await cluster.Client.Nodes.ListAsync(labelSelector: "kubernetes.io/hostname=node-1")).Items.Single().Metadata.Name);
        var byObject = await cluster.Client.Events.ListAsync("default", fieldSelector: "involvedObject.name=web,involvedObject.kind=Pod");
        Assert.Equal(ev.Metadata.Uid, byObject.Items.Single().Metadata.Uid);
    }

    [Fact]
    public async Task Leases_of_another_api_group_are_objects_too()
    {
        var lease = await cluster.Client.Leases.CreateAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "node-1", NamespaceProperty = "kube-node-lease" },
            Spec = new V1LeaseSpec { HolderIdentity = "node-1", LeaseDurationSeconds = 40, RenewTime = DateTime.UtcNow },
        });

        lease.Spec.RenewTime = DateTime.UtcNow.AddSeconds(10);
        var renewed = await cluster.Client.Leases.UpdateAsync(lease);

        Assert.Equal(("coordination.k8s.io/v1", "Lease"), (renewed.ApiVersion, renewed.Kind));
        Assert.Equal(2, renewed.Metadata.Generation);
        Assert.Equal("node-1", (await cluster.Client.Leases.ListAsync("kube-node-lease")).Items.Single().Spec.HolderIdentity);
    }

    /// <summary>The newest revision in the store: any write, anywhere, moves it.</summary>
    private async Task<string> HeadAsync() => (await cluster.Client.Namespaces.ListAsync()).ResourceVersion;
}
