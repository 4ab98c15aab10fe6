using k8s.Models;
using OrleansCluster.Core.Controllers.GarbageCollection;
using static OrleansCluster.Core.Controllers.GarbageCollection.GarbageCollectionPlanner;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class GarbageCollectionPlannerTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);

    private static V1OwnerReference Ref(string uid, bool block = false) =>
        new() { ApiVersion = "v1", Kind = "Pod", Name = $"owner-{uid}", Uid = uid, BlockOwnerDeletion = block };

    private static V1ObjectMeta Meta(string uid, V1OwnerReference[]? owners = null, DateTime? deleting = null, params string[] finalizers) => new()
    {
        Name = $"o-{uid}",
        NamespaceProperty = "ns",
        Uid = uid,
        OwnerReferences = owners?.ToList(),
        DeletionTimestamp = deleting,
        Finalizers = finalizers.Length == 0 ? null : finalizers.ToList(),
    };

    private static OwnerLookup Found(string uid, OwnerState state) => new(Ref(uid), state);

    [Fact]
    public void An_object_with_a_live_owner_is_left_alone()
    {
        var plan = PlanDependent(Meta("d", [Ref("a")]), [Found("a", OwnerState.Solid)], []);

        Assert.IsType<DependentAction.None>(plan);
    }

    [Fact]
    public void An_object_whose_only_owner_is_gone_is_deleted_in_the_background()
    {
        var plan = PlanDependent(Meta("d", [Ref("a")]), [Found("a", OwnerState.Dangling)], []);

        Assert.Equal(new DependentAction.Delete(DeletionPropagation.Background, Unblock: false), plan);
    }

    [Theory]
    [InlineData("orphan", DeletionPropagation.Orphan)]
    [InlineData("foregroundDeletion", DeletionPropagation.Foreground)]
    public void An_ownerless_object_is_deleted_with_the_policy_its_own_finalizer_asks_for(string finalizer, string policy)
    {
        var plan = PlanDependent(Meta("d", [Ref("a")], null, finalizer), [Found("a", OwnerState.Dangling)], []);

        Assert.Equal(new DependentAction.Delete(policy, Unblock: false), plan);
    }

    [Fact]
    public void A_live_owner_keeps_the_object_but_references_to_gone_or_waiting_owners_are_dropped()
    {
        var plan = PlanDependent(
            Meta("d", [Ref("a"), Ref("b"), Ref("c")]),
            [Found("a", OwnerState.Solid), Found("b", OwnerState.Dangling), Found("c", OwnerState.WaitingForDependents)],
            []);

        Assert.Equal(["b", "c"], Assert.IsType<DependentAction.RemoveReferences>(plan).OwnerUids);
    }

    [Fact]
    public void A_dependent_of_an_owner_deleting_in_the_foreground_is_deleted_in_the_background_when_it_has_no_dependents()
    {
        var plan = PlanDependent(Meta("d", [Ref("a")]), [Found("a", OwnerState.WaitingForDependents)], []);

        Assert.Equal(new DependentAction.Delete(DeletionPropagation.Background, Unblock: false), plan);
    }

    [Fact]
    public void A_dependent_with_dependents_of_its_own_follows_its_owner_into_the_foreground()
    {
        var plan = PlanDependent(Meta("d", [Ref("a")]), [Found("a", OwnerState.WaitingForDependents)], [Meta("x", [Ref("d", block: true)])]);

        Assert.Equal(new DependentAction.Delete(DeletionPropagation.Foreground, Unblock: false), plan);
    }

    [Fact]
    public void A_dependent_whose_own_dependent_also_waits_stops_blocking_first_so_the_two_cannot_wait_on_each_other()
    {
        var waitingChild = Meta("x", [Ref("d", block: true)], Now, "foregroundDeletion");

        var plan = PlanDependent(Meta("d", [Ref("a", block: true)]), [Found("a", OwnerState.WaitingForDependents)], [waitingChild]);

        Assert.Equal(new DependentAction.Delete(DeletionPropagation.Foreground, Unblock: true), plan);
    }

    [Fact]
    public void A_reference_that_cannot_be_followed_leaves_the_object_alone_even_beside_a_gone_owner()
    {
        var widget = new OwnerLookup(new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "w", Uid = "w" }, OwnerState.Unresolvable, "not served");

        var plan = PlanDependent(Meta("d", [Ref("a")]), [Found("a", OwnerState.Dangling), widget], []);

        Assert.Equal([widget], Assert.IsType<DependentAction.LeaveAlone>(plan).Unresolvable);
    }

    [Fact]
    public void An_object_already_being_deleted_or_without_owners_is_not_touched()
    {
        Assert.IsType<DependentAction.None>(PlanDependent(Meta("d", [Ref("a")], Now), [Found("a", OwnerState.Dangling)], []));
        Assert.IsType<DependentAction.None>(PlanDependent(Meta("d"), [], []));
    }

    [Fact]
    public void An_orphaning_owner_has_every_dependent_released()
    {
        var plan = PlanOwner(Meta("a", null, Now, "orphan"), [Meta("d1", [Ref("a")]), Meta("d2", [Ref("a", block: true)])]);

        Assert.Equal(["d1", "d2"], Assert.IsType<OwnerAction.Orphan>(plan).DependentUids);
    }

    [Fact]
    public void A_foreground_owner_waits_for_blocking_dependents_and_deletes_those_not_deleting_their_own()
    {
        var plan = PlanOwner(
            Meta("a", null, Now, "foregroundDeletion"),
            [Meta("free", [Ref("a")]), Meta("blocks", [Ref("a", block: true)]), Meta("cascading", [Ref("a", block: true)], Now, "foregroundDeletion")]);

        Assert.Equal(["blocks"], Assert.IsType<OwnerAction.DeleteDependents>(plan).DependentUids);
    }

    [Fact]
    public void A_foreground_owner_goes_once_no_dependent_blocks_it()
    {
        var plan = PlanOwner(Meta("a", null, Now, "foregroundDeletion"), [Meta("free", [Ref("a")]), Meta("other", [Ref("b", block: true)])]);

        Assert.Equal(new OwnerAction.RemoveFinalizer("foregroundDeletion"), plan);
    }

    [Fact]
    public void A_finalizer_without_a_deletion_mark_is_not_the_collectors_business()
    {
        Assert.IsType<OwnerAction.None>(PlanOwner(Meta("a", null, null, "foregroundDeletion"), [Meta("d", [Ref("a", block: true)])]));
        Assert.IsType<OwnerAction.None>(PlanOwner(Meta("a", null, null, "orphan"), [Meta("d", [Ref("a")])]));
    }
}
