using k8s.Models;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Replicas;
using static OrleansCluster.Core.Tests.Controllers.ReplicaPods;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class ReplicaPlannerTests
{
    [Fact]
    public void Scaling_up_from_nothing_creates_the_missing_pods_from_the_template_controlled_by_the_owner()
    {
        var plan = ReplicaPlanner.Plan(Owner(3), [], Now);

        Assert.Equal(3, plan.Create.Count);
        Assert.Equal(3, plan.Create.Select(p => p.Metadata.Name).Distinct().Count());
        Assert.All(plan.Create, pod =>
        {
            Assert.StartsWith("web-", pod.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal(9, pod.Metadata.Name.Length);
            Assert.Equal("ns", pod.Metadata.NamespaceProperty);
            Assert.Equal("front", pod.Metadata.Labels["tier"]);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(("ReplicaSet", "web", "rs-uid", true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Equal("busybox", Assert.Single(pod.Spec.Containers).Image);
        });
        Assert.Empty(plan.Delete);
        Assert.Equal(new ReplicaStatus(0, 0, 0, 0, 3), plan.Status);
    }

    [Fact]
    public void The_template_is_copied_not_shared()
    {
        var owner = Owner(1);
        var pod = Assert.Single(ReplicaPlanner.Plan(owner, [], Now).Create);
        pod.Spec.Containers[0].Image = "changed";
        pod.Metadata.Labels["app"] = "changed";
        Assert.Equal("busybox", owner.Template.Spec.Containers[0].Image);
        Assert.Equal("web", owner.Template.Metadata.Labels["app"]);
    }

    [Fact]
    public void A_controller_that_died_after_some_creates_asks_for_the_same_names_and_makes_no_second_pod()
    {
        var first = ReplicaPlanner.Plan(Owner(50), [], Now).Create.Select(p => p.Metadata.Name).ToList();
        // Twenty were created before the controller died, and its successor's informer shows only fifteen of them.
        var seen = first.Take(15).Select(name => Pod(name)).ToList();
        var second = ReplicaPlanner.Plan(Owner(50), seen, Now).Create.Select(p => p.Metadata.Name).ToList();

        Assert.Equal(35, second.Count);
        Assert.Equal(first.Skip(15), second);
        Assert.Equal(50, first.Take(20).Concat(second).Distinct().Count());
    }

    [Fact]
    public void Names_of_terminating_or_foreign_pods_are_not_reused()
    {
        var names = ReplicaPlanner.Plan(Owner(2), [], Now).Create.Select(p => p.Metadata.Name).ToList();
        var pods = new[] { Pod(names[0], deleting: true), Pod(names[1], ownerUid: "other") };

        var plan = ReplicaPlanner.Plan(Owner(2), pods, Now);

        Assert.Equal(2, plan.Create.Count);
        Assert.DoesNotContain(plan.Create, p => names.Contains(p.Metadata.Name));
    }

    [Fact]
    public void Scaling_down_deletes_the_surplus_most_expendable_first_with_uid_preconditions()
    {
        var pods = new[]
        {
            Pod("running-ready"),
            Pod("unassigned", phase: "Pending", ready: false, node: null),
            Pod("pending", phase: "Pending", ready: false),
            Pod("not-ready", ready: false),
            Pod("running-ready-2"),
        };

        var plan = ReplicaPlanner.Plan(Owner(2), pods, Now);

        Assert.Equal(["unassigned", "pending", "not-ready"], plan.Delete.Select(d => d.Name));
        Assert.All(plan.Delete, d => Assert.Equal($"uid-{d.Name}", d.Uid));
        Assert.Empty(plan.Create);
    }

    [Fact]
    public void Finished_and_terminating_pods_do_not_count_toward_replicas()
    {
        var pods = new[] { Pod("a"), Pod("done", phase: "Succeeded"), Pod("failed", phase: "Failed"), Pod("going", deleting: true) };

        var plan = ReplicaPlanner.Plan(Owner(2), pods, Now);

        Assert.Single(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(1, plan.Status.Replicas);
    }

    [Fact]
    public void Orphans_that_match_are_adopted_and_owned_pods_that_stopped_matching_are_released()
    {
        var orphan = Pod("orphan", ownerUid: null);
        var strayed = Pod("strayed", labels: new Dictionary<string, string> { ["app"] = "other" });
        var foreign = Pod("foreign", ownerUid: "someone-else");
        var unmatched = Pod("unmatched", ownerUid: null, labels: new Dictionary<string, string> { ["app"] = "db" });
        var terminatingOrphan = Pod("terminating-orphan", ownerUid: null, deleting: true);

        var plan = ReplicaPlanner.Plan(Owner(1), [orphan, strayed, foreign, unmatched, terminatingOrphan], Now);

        Assert.Equal(["orphan"], plan.Adopt.Select(p => p.Metadata.Name));
        Assert.Equal(["strayed"], plan.Release.Select(p => p.Metadata.Name));
        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(1, plan.Status.Replicas);
    }

    [Fact]
    public void An_owner_being_deleted_adopts_creates_deletes_and_releases_nothing()
    {
        var pods = new[] { Pod("orphan", ownerUid: null), Pod("strayed", labels: new Dictionary<string, string> { ["app"] = "x" }), Pod("a") };

        var plan = ReplicaPlanner.Plan(Owner(5, deleting: true), pods, Now);

        Assert.Empty(plan.Adopt);
        Assert.Empty(plan.Release);
        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(2, plan.Status.Replicas);
    }

    [Fact]
    public void Status_counts_labelled_ready_and_available_pods_and_asks_to_look_again_when_one_becomes_available()
    {
        var pods = new[]
        {
            Pod("old", readySince: Now.AddMinutes(-5)),
            Pod("fresh", readySince: Now.AddSeconds(-4)),
            Pod("not-ready", ready: false),
            Pod("partly-labelled", labels: new Dictionary<string, string> { ["app"] = "web" }, readySince: Now.AddMinutes(-5)),
        };

        var plan = ReplicaPlanner.Plan(Owner(4, minReadySeconds: 10), pods, Now);

        Assert.Equal(new ReplicaStatus(4, 3, 3, 2, 3), plan.Status);
        Assert.Equal(TimeSpan.FromSeconds(6), plan.RequeueAfter);
        Assert.Null(ReplicaPlanner.Plan(Owner(4), pods, Now).RequeueAfter);
    }

    [Fact]
    public void One_pass_creates_or_deletes_at_most_the_burst()
    {
        Assert.Equal(ReplicaPlanner.Burst, ReplicaPlanner.Plan(Owner(2_000), [], Now).Create.Count);
        var many = Enumerable.Range(0, 700).Select(i => Pod($"p{i}")).ToList();
        Assert.Equal(ReplicaPlanner.Burst, ReplicaPlanner.Plan(Owner(0), many, Now).Delete.Count);
    }

    [Fact]
    public void A_replication_controller_with_an_empty_selector_claims_nothing()
    {
        var controller = new V1ReplicationController
        {
            Metadata = new V1ObjectMeta { Name = "rc", NamespaceProperty = "ns", Uid = "rc-uid" },
            Spec = new V1ReplicationControllerSpec { Replicas = 1, Template = Owner(1).Template },
        };

        var plan = ReplicaPlanner.Plan(ReplicaOwner.Of(controller), [Pod("orphan", ownerUid: null)], Now);

        Assert.Empty(plan.Adopt);
        Assert.Single(plan.Create);
        Assert.Equal("ReplicationController", plan.Create[0].Metadata.OwnerReferences[0].Kind);
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 1 })]
    [InlineData(3, new[] { 1, 2 })]
    [InlineData(10, new[] { 1, 2, 4, 3 })]
    [InlineData(50, new[] { 1, 2, 4, 8, 16, 19 })]
    public void Slow_start_doubles_its_batches(int count, int[] batches) => Assert.Equal(batches, SlowStart.Batches(count));

    /// <summary>Random namespaces of pods: whatever they hold, a pass's counts add up to the replicas asked for.</summary>
    [Fact]
    public void Counts_always_add_up()
    {
        var random = new Random(20261204);
        for (var run = 0; run < 2_000; run++)
        {
            var replicas = random.Next(0, 12);
            var pods = Enumerable.Range(0, random.Next(0, 15)).Select(i => Pod(
                $"p{i}",
                ownerUid: random.Next(4) switch { 0 => null, 1 => "other", _ => "rs-uid" },
                phase: new[] { "Pending", "Running", "Succeeded", "Failed", "Unknown" }[random.Next(5)],
                ready: random.Next(2) == 0,
                node: random.Next(3) == 0 ? null : $"node-{random.Next(3)}",
                labels: random.Next(5) == 0 ? new Dictionary<string, string> { ["app"] = "x" } : null,
                deleting: random.Next(6) == 0)).ToList();
            var plan = ReplicaPlanner.Plan(Owner(replicas), pods, Now);

            var owned = pods.Where(p => plan.Adopt.Contains(p)
                || (OwnerReferences.ControllerOf(p.Metadata)?.Uid == "rs-uid" && !plan.Release.Contains(p))).ToList();
            var active = owned.Where(PodConditions.IsActive).ToList();
            Assert.Equal(replicas, active.Count + plan.Create.Count - plan.Delete.Count);
            Assert.True(plan.Create.Count == 0 || plan.Delete.Count == 0);
            Assert.All(plan.Delete, d => Assert.Contains(active, p => p.Metadata.Uid == d.Uid));
            Assert.Empty(plan.Create.Select(p => p.Metadata.Name).Intersect(pods.Select(p => p.Metadata.Name)));
            Assert.Equal(active.Count, plan.Status.Replicas);
            Assert.True(plan.Status.AvailableReplicas <= plan.Status.ReadyReplicas && plan.Status.ReadyReplicas <= plan.Status.Replicas);
        }
    }
}
