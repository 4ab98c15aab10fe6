using k8s.Models;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests.Objects;

public sealed class ObjectRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 30, 15, 123, DateTimeKind.Utc);

    private static V1Pod Pod(string image = "busybox:1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    [Fact]
    public void Create_stamps_identity_and_clears_what_the_client_may_not_set()
    {
        var pod = Pod();
        pod.Metadata.ResourceVersion = "99";
        pod.Metadata.DeletionTimestamp = Now;
        pod.Metadata.Generation = 7;
        var uid = Guid.NewGuid();

        ObjectRules.PrepareForCreate(ResourceTypes.Pod, pod, uid, Now);

        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
        Assert.Equal(uid.ToString(), pod.Metadata.Uid);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 30, 15, DateTimeKind.Utc), pod.Metadata.CreationTimestamp);
        Assert.Equal(1, pod.Metadata.Generation);
        Assert.Null(pod.Metadata.ResourceVersion);
        Assert.Null(pod.Metadata.DeletionTimestamp);
    }

    [Fact]
    public void Cluster_scoped_objects_lose_a_namespace_on_create()
    {
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "n", NamespaceProperty = "default" } };

        ObjectRules.PrepareForCreate(ResourceTypes.Node, node, Guid.NewGuid(), Now);

        Assert.Null(node.Metadata.NamespaceProperty);
    }

    [Theory]
    [InlineData("busybox:2", 4)]
    [InlineData("busybox:1", 3)]
    public void Update_keeps_server_owned_metadata_and_bumps_generation_on_spec_change_only(string image, long generation)
    {
        var old = Pod();
        ObjectRules.PrepareForCreate(ResourceTypes.Pod, old, Guid.NewGuid(), Now);
        old.Metadata.Generation = 3;
        var updated = Pod(image);
        updated.Metadata.Labels = new Dictionary<string, string> { ["new"] = "label" };

        ObjectRules.PrepareForUpdate(ResourceTypes.Pod, updated, old);

        Assert.Equal(old.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(old.Metadata.CreationTimestamp, updated.Metadata.CreationTimestamp);
        Assert.Equal(generation, updated.Metadata.Generation);
    }

    [Fact]
    public void Kinds_without_a_spec_count_any_change_outside_metadata_and_status()
    {
        var old = new Corev1Event { Metadata = new V1ObjectMeta { Name = "e", Generation = 1 }, Message = "one" };
        var same = new Corev1Event { Metadata = new V1ObjectMeta { Name = "e", Labels = new Dictionary<string, string> { ["a"] = "b" } }, Message = "one" };
        var changed = new Corev1Event { Metadata = new V1ObjectMeta { Name = "e" }, Message = "two" };

        ObjectRules.PrepareForUpdate(ResourceTypes.Event, same, old);
        ObjectRules.PrepareForUpdate(ResourceTypes.Event, changed, old);

        Assert.Equal(1, same.Metadata.Generation);
        Assert.Equal(2, changed.Metadata.Generation);
    }

    [Fact]
    public void A_status_write_changes_the_status_and_nothing_else()
    {
        var old = Pod();
        old.Metadata.Labels = new Dictionary<string, string> { ["keep"] = "me" };
        var given = Pod("other:1");
        given.Status = new V1PodStatus { Phase = "Running", PodIP = "10.0.0.5" };

        var result = (V1Pod)ObjectRules.ForStatusUpdate(ResourceTypes.Pod, given, old);

        Assert.Equal(("Running", "10.0.0.5"), (result.Status.Phase, result.Status.PodIP));
        Assert.Equal("busybox:1", result.Spec.Containers[0].Image);
        Assert.Equal("me", result.Metadata.Labels["keep"]);
        Assert.Equal("Pending", old.Status.Phase);
    }

    [Theory]
    [InlineData(null, 5, false)]
    [InlineData("", 5, false)]
    [InlineData("5", 5, false)]
    [InlineData("4", 5, true)]
    [InlineData("6", 5, true)]
    public void A_given_resourceVersion_must_be_the_current_one(string? given, long current, bool stale) =>
        Assert.Equal(stale, ObjectRules.IsStale(given, current));
}
