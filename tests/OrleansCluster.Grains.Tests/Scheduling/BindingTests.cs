using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests.Scheduling;

/// <summary>The pods/binding subresource on a cluster without a scheduler: Kubernetes' BindingREST semantics.</summary>
public sealed class BindingTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task Binding_sets_the_node_and_PodScheduled_in_one_write()
    {
        var created = await Api.Pods.CreateAsync(Pod("default", "bind-once"));

        var bound = await Api.Pods.BindAsync("bind-once", "default", "node-a");

        Assert.Equal("node-a", bound.Spec.NodeName);
        var condition = Assert.Single(bound.Status.Conditions, c => c.Type == "PodScheduled");
        Assert.Equal("True", condition.Status);
        Assert.NotNull(condition.LastTransitionTime);
        var first = await FirstChangeAfterAsync("bind-once", created.Metadata.ResourceVersion);
        Assert.Equal(bound.Metadata.ResourceVersion, first.Metadata.ResourceVersion);
        Assert.Equal("node-a", first.Spec.NodeName);
        Assert.Contains(first.Status.Conditions, c => c is { Type: "PodScheduled", Status: "True" });
        var stored = await Api.Pods.GetAsync("bind-once", "default");
        Assert.Equal(("node-a", bound.Metadata.ResourceVersion), (stored!.Spec.NodeName, stored.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task A_bound_pod_cannot_be_bound_again()
    {
        await Api.Pods.CreateAsync(Pod("default", "bind-twice"));
        await Api.Pods.BindAsync("bind-twice", "default", "node-a");

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.BindAsync("bind-twice", "default", "node-b"));

        Assert.Equal((409, "Conflict"), (e.Code, e.Reason));
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"bind-twice\": pod bind-twice is already assigned to node \"node-a\"", e.Message);
        Assert.Equal("node-a", (await Api.Pods.GetAsync("bind-twice", "default"))!.Spec.NodeName);
    }

    [Fact]
    public async Task Of_concurrent_binds_exactly_one_wins()
    {
        await Api.Pods.CreateAsync(Pod("default", "bind-race"));

        var attempts = Enumerable.Range(0, 8).Select(i => TryBindAsync("bind-race", $"node-{i}")).ToList();
        var winners = (await Task.WhenAll(attempts)).Where(n => n is not null).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal(winner, (await Api.Pods.GetAsync("bind-race", "default"))!.Spec.NodeName);
    }

    [Fact]
    public async Task A_missing_pod_is_not_found()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.BindAsync("no-such-pod", "default", "node-a"));

        Assert.Equal((404, "NotFound"), (e.Code, e.Reason));
    }

    [Fact]
    public async Task A_pod_being_deleted_cannot_be_bound()
    {
        var pod = Pod("default", "bind-deleting");
        pod.Metadata.Finalizers = ["example.com/hold"];
        await Api.Pods.CreateAsync(pod);
        await Api.Pods.DeleteAsync("bind-deleting", "default");

        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.BindAsync("bind-deleting", "default", "node-a"));

        Assert.Equal((409, "Conflict"), (e.Code, e.Reason));
        Assert.Contains("pod bind-deleting is being deleted, cannot be assigned to a host", e.Message, StringComparison.Ordinal);
        Assert.Null((await Api.Pods.GetAsync("bind-deleting", "default"))!.Spec.NodeName);
        await Api.Pods.PatchAsync("bind-deleting", "default", new { metadata = new { finalizers = Array.Empty<string>() } });
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"bind-invalid"},"target":{"kind":"Node"}}""", 422, "target.name: Required value")]
    [InlineData("""{"metadata":{"name":"bind-invalid"},"target":{"kind":"Pod","name":"n"}}""", 422, "target.kind: Unsupported value")]
    [InlineData("""{"metadata":{"name":"other"},"target":{"name":"n"}}""", 400, "name in URL does not match name in Binding object")]
    [InlineData("""{"kind":"Pod","metadata":{"name":"bind-invalid"},"target":{"name":"n"}}""", 400, "not a v1 Binding")]
    [InlineData("""{"metadata":{"name":"bind-invalid","uid":"00000000-0000-0000-0000-000000000000"},"target":{"name":"n"}}""", 409, "Precondition failed: UID")]
    public async Task A_bad_binding_is_refused_and_changes_nothing(string binding, int code, string message)
    {
        var created = await Api.Pods.GetAsync("bind-invalid", "default") ?? await Api.Pods.CreateAsync(Pod("default", "bind-invalid"));
        var grain = cluster.Cluster.GetGrain<IObjectGrain>(ResourceTypes.Pod.ObjectKey("default", "bind-invalid"));

        var e = await Assert.ThrowsAsync<ApiException>(() => grain.Bind(binding));

        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        var stored = await Api.Pods.GetAsync("bind-invalid", "default");
        Assert.Equal((null, created.Metadata.ResourceVersion), (stored!.Spec.NodeName, stored.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Only_pods_have_a_binding()
    {
        var grain = cluster.Cluster.GetGrain<IObjectGrain>(ResourceTypes.Namespace.ObjectKey(null, "default"));

        var e = await Assert.ThrowsAsync<ApiException>(() => grain.Bind(ModelCodec.Write(new V1Binding { Target = new V1ObjectReference { Name = "n" } })));

        Assert.Equal(405, e.Code);
    }

    private async Task<string?> TryBindAsync(string pod, string node)
    {
        try
        {
            return (await Api.Pods.BindAsync(pod, "default", node)).Spec.NodeName;
        }
        catch (ApiException e) when (e.Code == 409)
        {
            return null;
        }
    }

    /// <summary>The first change of a pod after a revision, as a watcher sees it.</summary>
    private async Task<V1Pod> FirstChangeAfterAsync(string name, string resourceVersion)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in Api.Pods.WatchAsync("default", resourceVersion, fieldSelector: $"metadata.name={name}", ct: cts.Token))
        {
            return e.Object!;
        }

        throw new InvalidOperationException("the watch ended without an event");
    }
}
