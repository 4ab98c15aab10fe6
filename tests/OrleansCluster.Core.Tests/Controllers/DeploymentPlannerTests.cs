using k8s.Models;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Deployments;
using static OrleansCluster.Core.Controllers.Deployments.ReplicaSetAnnotations;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class DeploymentPlannerTests
{
    [Fact]
    public void A_new_Deployment_gets_its_ReplicaSet_named_labelled_owned_and_annotated_as_Kubernetes()
    {
        var world = new DeploymentWorld(replicas: 3);
        world.Deployment.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/change-cause"] = "first" };
        var plan = world.Pass();

        var set = Assert.IsType<V1ReplicaSet>(plan.Create);
        var hash = PodTemplateHash.Compute(world.Deployment.Spec.Template, null);
        Assert.Equal($"web-{hash}", set.Metadata.Name);
        Assert.Equal(hash, set.Metadata.Labels[PodTemplateHash.Label]);
        Assert.Equal(hash, set.Spec.Template.Metadata.Labels[PodTemplateHash.Label]);
        Assert.Equal(hash, set.Spec.Selector.MatchLabels[PodTemplateHash.Label]);
        Assert.Equal("web", set.Spec.Selector.MatchLabels["app"]);
        var owner = Assert.Single(set.Metadata.OwnerReferences);
        Assert.Equal(("apps/v1", "Deployment", "web", "dep-uid", true, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal(3, set.Spec.Replicas);
        Assert.Equal("1", set.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal("3", set.Metadata.Annotations[DesiredReplicas]);
        Assert.Equal("4", set.Metadata.Annotations[MaxReplicas]);
        Assert.Equal("first", set.Metadata.Annotations["kubernetes.io/change-cause"]);
        Assert.Equal("1", world.Deployment.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal([$"Scaled up replica set web-{hash} to 3"], world.Events);
        Assert.Equal(("True", "NewReplicaSetCreated", $"Created new replica set \"web-{hash}\""),
            (world.Progressing!.Status, world.Progressing.Reason, world.Progressing.Message));
        Assert.Equal(1, world.Deployment.Status.ObservedGeneration);
        Assert.Equal(3, world.Deployment.Status.UnavailableReplicas);
    }

    [Fact]
    public void Once_every_pod_is_available_the_status_says_complete_and_the_set_is_marked_fully_available()
    {
        var world = new DeploymentWorld(replicas: 3);
        world.RollOut();

        var status = world.Deployment.Status;
        Assert.Equal((3, 3, 3, 3, (int?)null), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
        Assert.Equal(("True", "MinimumReplicasAvailable"), (world.Available!.Status, world.Available.Reason));
        Assert.Equal(("True", "NewReplicaSetAvailable"), (world.Progressing!.Status, world.Progressing.Reason));
        Assert.Equal("true", world.NewSet!.Metadata.Annotations[FullyAvailable]);
        Assert.Null(world.Pass().RequeueAfter);
    }

    [Fact]
    public void An_orphan_ReplicaSet_the_selector_matches_is_adopted_and_one_whose_labels_moved_away_is_released()
    {
        var world = new DeploymentWorld(replicas: 1);
        world.RollOut();
        var orphan = ReplicaSet("orphan", new Dictionary<string, string> { ["app"] = "web" }, owner: null);
        var strayed = ReplicaSet("strayed", new Dictionary<string, string> { ["app"] = "other" },
            OwnerReferences.ControllerReference("apps/v1", "Deployment", "web", "dep-uid"));
        var foreign = ReplicaSet("foreign", new Dictionary<string, string> { ["app"] = "web" },
            OwnerReferences.ControllerReference("apps/v1", "Deployment", "api", "other-uid"));
        world.Sets.AddRange([orphan, strayed, foreign]);

        var plan = world.Pass();
        var adopted = Assert.Single(plan.Update, s => s.Metadata.Name == "orphan");
        Assert.Equal("dep-uid", OwnerReferences.ControllerOf(adopted.Metadata)!.Uid);
        var released = Assert.Single(plan.Release);
        Assert.Equal("strayed", released.Metadata.Name);
        Assert.Null(OwnerReferences.ControllerOf(released.Metadata));
        Assert.DoesNotContain(plan.Update.Concat(plan.Delete), s => s.Metadata.Name == "foreign");
    }

    [Fact]
    public void A_new_template_gets_a_second_ReplicaSet_at_the_next_revision_within_the_surge()
    {
        var world = new DeploymentWorld(replicas: 4);
        world.RollOut();
        var first = world.NewSet!;
        world.Edit(s => s.Template = DeploymentWorld.Template("web:2"));
        var plan = world.Pass();

        var second = plan.Create!;
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
        Assert.Equal("2", second.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal(1, second.Spec.Replicas); // 25% of 4 may surge
        Assert.Equal("2", world.Deployment.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal(3, plan.Update.Single(s => s.Metadata.Name == first.Metadata.Name).Spec.Replicas); // 25% may be unavailable
        Assert.Contains($"Scaled down replica set {first.Metadata.Name} to 3 from 4", world.Events);
    }

    [Fact]
    public void Returning_to_an_old_template_reuses_its_ReplicaSet_with_a_new_revision_and_records_the_old_one()
    {
        var world = new DeploymentWorld(replicas: 2);
        world.RollOut();
        var first = world.NewSet!.Metadata.Name;
        world.Edit(s => s.Template = DeploymentWorld.Template("web:2"));
        world.RollOut();
        world.Edit(s => s.Template = DeploymentWorld.Template("web:1"));
        world.RollOut();

        Assert.Equal(first, world.NewSet!.Metadata.Name);
        Assert.Equal("3", world.NewSet.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal("1", world.NewSet.Metadata.Annotations[RevisionHistory]);
        Assert.Equal("3", world.Deployment.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal(2, world.Sets.Count);
    }

    [Fact]
    public void A_name_taken_by_another_template_bumps_the_collision_count_and_the_next_pass_uses_a_new_name()
    {
        var world = new DeploymentWorld(replicas: 1);
        var taken = $"web-{PodTemplateHash.Compute(world.Deployment.Spec.Template, null)}";
        world.Sets.Add(ReplicaSet(taken, new Dictionary<string, string> { ["app"] = "else" }, owner: null));

        var plan = world.Pass();
        Assert.Null(plan.Create);
        Assert.Equal(1, plan.Status.CollisionCount);
        Assert.NotNull(plan.RequeueAfter);
        var next = world.Pass();
        Assert.Equal($"web-{PodTemplateHash.Compute(world.Deployment.Spec.Template, 1)}", next.Create!.Metadata.Name);
    }

    [Fact]
    public void A_paused_Deployment_starts_no_rollout_but_still_scales()
    {
        var world = new DeploymentWorld(replicas: 3);
        world.RollOut();
        var first = world.NewSet!.Metadata.Name;
        world.Edit(s =>
        {
            s.Paused = true;
            s.Template = DeploymentWorld.Template("web:2");
        });
        var plan = world.Pass();
        Assert.Null(plan.Create);
        Assert.Equal(("Unknown", "DeploymentPaused"), (world.Progressing!.Status, world.Progressing.Reason));

        world.Edit(s => s.Replicas = 5);
        world.Pass();
        Assert.Equal(5, world.Sets.Single().Spec.Replicas);
        Assert.Equal($"Scaled up replica set {first} to 5 from 3", world.Events.Last());

        world.Edit(s => s.Paused = false);
        Assert.NotNull(world.Pass().Create);
        Assert.Equal(("True", "NewReplicaSetCreated"), (world.Progressing!.Status, world.Progressing.Reason));
    }

    [Fact]
    public void Scaling_mid_rollout_shares_the_new_pods_in_proportion_as_Kubernetes_documents()
    {
        // The example of the Kubernetes documentation: 10 replicas, maxSurge 3, maxUnavailable 2, a rollout with 8 old
        // and 5 new pods scaled to 15: the 5 more go 3 to the old set and 2 to the new one.
        var world = new DeploymentWorld(replicas: 10, maxSurge: "3", maxUnavailable: "2");
        world.RollOut();
        world.Edit(s => s.Template = DeploymentWorld.Template("web:2"));
        world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        Assert.Equal((8, 5), (world.OldSets.Single().Spec.Replicas, world.NewSet!.Spec.Replicas));

        world.Edit(s => s.Replicas = 15);
        world.Pass();
        Assert.Equal((11, 7), (world.OldSets.Single().Spec.Replicas, world.NewSet!.Spec.Replicas));
    }

    [Fact]
    public void Old_ReplicaSets_past_the_history_limit_are_deleted_once_a_rollout_completes()
    {
        var world = new DeploymentWorld(replicas: 1, historyLimit: 2);
        foreach (var image in new[] { "web:1", "web:2", "web:3", "web:4", "web:5" })
        {
            world.Edit(s => s.Template = DeploymentWorld.Template(image));
            world.RollOut();
        }

        world.Pass();
        Assert.Equal(["3", "4"], world.OldSets.Select(s => s.Metadata.Annotations[Revisions.Annotation]).Order());
        Assert.Equal("5", world.NewSet!.Metadata.Annotations[Revisions.Annotation]);
    }

    [Fact]
    public void Without_progress_past_the_deadline_the_rollout_fails_and_the_requeue_comes_at_the_deadline()
    {
        var world = new DeploymentWorld(replicas: 2);
        world.RollOut();
        world.Edit(s => s.Template = DeploymentWorld.Template("registry.invalid/nothing:1"));
        world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        var waiting = world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        Assert.Equal(TimeSpan.FromSeconds(601), waiting.RequeueAfter);

        world.Now = DeploymentWorld.T0.AddSeconds(601);
        var failed = world.Pass();
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (world.Progressing!.Status, world.Progressing.Reason));
        Assert.Null(failed.Rollback);
        Assert.Equal(("True", "MinimumReplicasAvailable"), (world.Available!.Status, world.Available.Reason));
    }

    [Fact]
    public void When_asked_a_failed_rollout_rolls_back_to_the_last_fully_available_revision_and_a_failed_rollback_stays_failed()
    {
        var world = new DeploymentWorld(replicas: 2);
        world.Deployment.Metadata.Annotations = new Dictionary<string, string> { [DeploymentPlanner.RollbackOnDeadline] = "true" };
        world.RollOut();
        var good = world.NewSet!.Metadata.Name;
        world.Edit(s => s.Template = DeploymentWorld.Template("registry.invalid/nothing:1"));
        world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        world.Pass(); // sees the new pods exist: progress, from T0
        world.Now = DeploymentWorld.T0.AddSeconds(700);
        var failed = world.Pass();

        Assert.Equal(1, failed.Rollback!.Revision);
        Assert.Equal("Rolled back to revision 1 after the progress deadline", world.Events.Last());
        Assert.Equal("web:1", world.Deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.False(world.Deployment.Spec.Template.Metadata.Labels.ContainsKey(PodTemplateHash.Label));

        world.Pass();
        Assert.Equal(good, world.NewSet!.Metadata.Name);
        Assert.Equal("3", world.NewSet.Metadata.Annotations[Revisions.Annotation]);

        // The good set's pods now fail too: the rollback's own rollout times out and nothing rolls again.
        world.SettleReplicaSets(newAvailable: 0);
        world.Now = DeploymentWorld.T0.AddSeconds(2000);
        Assert.Null(world.Pass().Rollback);
        world.Now = DeploymentWorld.T0.AddSeconds(3000);
        Assert.Null(world.Pass().Rollback);
        Assert.Equal("ProgressDeadlineExceeded", world.Progressing!.Reason);
    }

    [Fact]
    public void Without_the_annotation_or_a_fully_available_revision_there_is_no_rollback()
    {
        var world = new DeploymentWorld(replicas: 1);
        world.Deployment.Metadata.Annotations = new Dictionary<string, string> { [DeploymentPlanner.RollbackOnDeadline] = "true" };
        world.Deployment.Spec.Template = DeploymentWorld.Template("registry.invalid/nothing:1");
        world.Pass();
        world.SettleReplicaSets(newAvailable: 0);
        world.Pass(); // sees the new pods exist: progress, from T0
        world.Now = DeploymentWorld.T0.AddSeconds(700);
        Assert.Null(world.Pass().Rollback);
        Assert.Equal("ProgressDeadlineExceeded", world.Progressing!.Reason);
    }

    [Fact]
    public void The_Deployments_annotations_follow_onto_the_new_ReplicaSet_but_not_the_replica_counts()
    {
        var world = new DeploymentWorld(replicas: 1);
        world.RollOut();
        world.Deployment.Metadata.Annotations["kubernetes.io/change-cause"] = "second";
        world.Deployment.Metadata.Annotations[DesiredReplicas] = "99";
        var update = Assert.Single(world.Pass().Update);
        Assert.Equal("second", update.Metadata.Annotations["kubernetes.io/change-cause"]);
        Assert.Equal("1", update.Metadata.Annotations[DesiredReplicas]);
    }

    private static V1ReplicaSet ReplicaSet(string name, IDictionary<string, string> labels, V1OwnerReference? owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            Uid = $"uid-{name}",
            Labels = labels,
            CreationTimestamp = DeploymentWorld.T0.AddDays(-1),
            OwnerReferences = owner is null ? null : [owner],
        },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = 0,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "x", Image = "x" }] } },
        },
        Status = new V1ReplicaSetStatus { Replicas = 0 },
    };
}
