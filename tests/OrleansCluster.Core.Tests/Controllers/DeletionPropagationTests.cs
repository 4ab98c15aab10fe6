using OrleansCluster.Core.Controllers.GarbageCollection;
using OrleansCluster.Core.Resources;
using static OrleansCluster.Core.Controllers.GarbageCollection.DeletionPropagation;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class DeletionPropagationTests
{
    private static readonly ResourceType ReplicationController = ResourceTypes.ReplicationController;
    private static readonly ResourceType ReplicaSet = ResourceTypes.ReplicaSet;

    [Theory]
    [InlineData(Orphan, null, new[] { "orphan" })]
    [InlineData(Foreground, null, new[] { "foregroundDeletion" })]
    [InlineData(Background, null, null)]
    [InlineData(null, null, null)]
    [InlineData(Foreground, new[] { "example.com/keep" }, new[] { "example.com/keep", "foregroundDeletion" })]
    [InlineData(Orphan, new[] { "foregroundDeletion" }, new[] { "orphan" })]
    [InlineData(Background, new[] { "orphan", "example.com/keep" }, new[] { "example.com/keep" })]
    [InlineData(null, new[] { "orphan" }, null)]
    [InlineData(null, new[] { "foregroundDeletion" }, null)]
    [InlineData(Orphan, new[] { "orphan" }, null)]
    public void A_policy_puts_its_finalizer_on_the_object_and_takes_the_other_off(string? policy, string[]? before, string[]? after)
    {
        Assert.Equal(after, FinalizersAfterDelete(ResourceTypes.Pod, before, policy));
    }

    [Fact]
    public void Kubernetes_defaults_orphan_a_v1_ReplicationControllers_pods_and_delete_everything_else_in_the_background()
    {
        Assert.Equal(Orphan, DefaultPolicy(ReplicationController));
        Assert.Equal(["orphan"], FinalizersAfterDelete(ReplicationController, null, null));
        Assert.Null(FinalizersAfterDelete(ReplicationController, null, Background));
        Assert.Equal(Background, DefaultPolicy(ReplicaSet));
        Assert.Null(FinalizersAfterDelete(ReplicaSet, null, null));
        Assert.Equal(Background, DefaultPolicy(ResourceTypes.Pod));
    }

    [Fact]
    public void Events_are_not_collected_and_take_no_finalizer_whatever_the_policy()
    {
        Assert.False(Collects(ResourceTypes.Event));
        Assert.Null(FinalizersAfterDelete(ResourceTypes.Event, null, Foreground));
        Assert.True(Collects(ResourceTypes.Pod));
        Assert.True(Collects(ResourceTypes.Namespace));
    }
}
