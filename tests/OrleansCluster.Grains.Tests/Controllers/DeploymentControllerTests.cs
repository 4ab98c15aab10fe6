using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Deployments;
using OrleansCluster.Core.Resources;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Grains.Tests.Controllers;

/// <summary>
/// The deployment controller with the ReplicaSet controller on the in-process cluster. No node agents run here: the
/// test plays kubelet, marking the pods Running and Ready, so ReplicaSets see them available.
/// </summary>
public sealed class DeploymentControllerTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private OrleansClusterClient Api => fixture.Client;

    private ResourceClient<V1Deployment> Deployments => new(fixture.Cluster, ResourceTypes.Deployment);

    private ResourceClient<V1ReplicaSet> ReplicaSets => new(fixture.Cluster, ResourceTypes.ReplicaSet);

    [Fact]
    public async Task A_Deployment_rolls_out_a_ReplicaSet_and_its_pods_then_rolls_a_new_image_pauses_and_scales()
    {
        const string ns = "deploy-grain";
        await Api.Namespaces.CreateAsync(Objects.Namespace(ns));
        await Deployments.CreateAsync(Deployment(ns, "web", replicas: 3, image: "web:1"));

        var first = await Eventually.Until(() => SetsAsync(ns), s => s.Count == 1, Timeout, "the first ReplicaSet");
        var stored = (await Deployments.GetAsync("web", ns))!;
        var set = first[0];
        var hash = PodTemplateHash.Compute(stored.Spec.Template, null);
        Assert.Equal($"web-{hash}", set.Metadata.Name);
        Assert.Equal(hash, set.Metadata.Labels[PodTemplateHash.Label]);
        Assert.Equal(hash, set.Spec.Selector.MatchLabels[PodTemplateHash.Label]);
        Assert.Equal(("Deployment", "web", stored.Metadata.Uid, true, true), Owner(set));
        Assert.Equal(("1", "3", "4"), (set.Metadata.Annotations[Revisions.Annotation],
            set.Metadata.Annotations[ReplicaSetAnnotations.DesiredReplicas], set.Metadata.Annotations[ReplicaSetAnnotations.MaxReplicas]));

        var pods = await Eventually.Until(() => PodsAsync(ns), p => p.Count == 3, Timeout, "three pods");
        Assert.All(pods, p => Assert.StartsWith($"web-{hash}-", p.Metadata.Name, StringComparison.Ordinal));
        Assert.All(pods, p => Assert.Equal(hash, p.Metadata.Labels[PodTemplateHash.Label]));

        var done = await RolledOutAsync(ns, generation: 1);
        Assert.Equal("1", done.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal((3, 3, 3, 3), (done.Status.Replicas, done.Status.UpdatedReplicas, done.Status.ReadyReplicas, done.Status.AvailableReplicas));
        Assert.Equal(("True", "MinimumReplicasAvailable"), Condition(done, "Available"));

        await EditAsync(ns, d => d.Spec.Template.Spec.Containers[0].Image = "web:2");
        var second = await RolledOutAsync(ns, generation: 2);
        Assert.Equal("2", second.Metadata.Annotations[Revisions.Annotation]);
        var sets = await SetsAsync(ns);
        Assert.Equal(2, sets.Count);
        var old = sets.Single(s => s.Metadata.Name == set.Metadata.Name);
        var current = sets.Single(s => s.Metadata.Name != set.Metadata.Name);
        Assert.Equal((0, 3), (old.Spec.Replicas, current.Spec.Replicas));
        Assert.Equal("2", current.Metadata.Annotations[Revisions.Annotation]);
        Assert.All(await PodsAsync(ns), p => Assert.Equal("web:2", p.Spec.Containers[0].Image));
        var messages = (await Api.Events.ListAsync(ns)).Items.Where(e => e.Reason == "ScalingReplicaSet").Select(e => e.Message).ToList();
        Assert.Contains($"Scaled up replica set {set.Metadata.Name} to 3", messages);
        Assert.Contains($"Scaled down replica set {set.Metadata.Name} to 0 from 1", messages);

        await EditAsync(ns, d =>
        {
            d.Spec.Paused = true;
            d.Spec.Template.Spec.Containers[0].Image = "web:3";
        });
        var paused = await Eventually.Until(() => Deployments.GetAsync("web", ns),
            d => d!.Status.ObservedGeneration == 3 && Condition(d, "Progressing") == ("Unknown", "DeploymentPaused"), Timeout, "paused");
        Assert.Equal(2, (await SetsAsync(ns)).Count);

        await EditAsync(ns, d => d.Spec.Replicas = 5);
        await Eventually.Until(() => ReplicaSets.GetAsync(current.Metadata.Name, ns), s => s!.Spec.Replicas == 5, Timeout, "scaled while paused");
        Assert.Equal(2, (await SetsAsync(ns)).Count);
        Assert.Equal("2", paused!.Metadata.Annotations[Revisions.Annotation]);

        await EditAsync(ns, d => d.Spec.Paused = false);
        var resumed = await RolledOutAsync(ns, generation: 5, replicas: 5);
        Assert.Equal("3", resumed.Metadata.Annotations[Revisions.Annotation]);
        Assert.Equal(3, (await SetsAsync(ns)).Count);
    }

    /// <summary>Plays kubelet until the Deployment reports its rollout complete, as <c>kubectl rollout status</c> reads it.</summary>
    private async Task<V1Deployment> RolledOutAsync(string ns, long generation, int replicas = 3) =>
        (await Eventually.Until(
            async () =>
            {
                await KubeletAsync(ns);
                return await Deployments.GetAsync("web", ns);
            },
            d => d!.Status?.ObservedGeneration >= generation && d.Status.UpdatedReplicas == replicas && d.Status.Replicas == replicas
                 && d.Status.AvailableReplicas == replicas && Condition(d, "Progressing") == ("True", "NewReplicaSetAvailable"),
            Timeout, $"rollout of generation {generation}"))!;

    /// <summary>What a kubelet would report: every pod running and ready.</summary>
    private async Task KubeletAsync(string ns)
    {
        foreach (var pod in await PodsAsync(ns))
        {
            if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            {
                continue;
            }

            pod.Status = new V1PodStatus
            {
                Phase = "Running",
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = DateTime.UtcNow }],
            };
            try
            {
                await Api.Pods.UpdateStatusAsync(pod);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Deleted or changed meanwhile: the next round looks again.
            }
        }
    }

    private async Task EditAsync(string ns, Action<V1Deployment> change)
    {
        while (true)
        {
            var deployment = (await Deployments.GetAsync("web", ns))!;
            change(deployment);
            try
            {
                await Deployments.UpdateAsync(deployment);
                return;
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // The controller wrote meanwhile (annotations): edit the newer one.
            }
        }
    }

    private async Task<List<V1ReplicaSet>> SetsAsync(string ns) => [.. (await ReplicaSets.ListAsync(ns)).Items];

    private async Task<List<V1Pod>> PodsAsync(string ns) =>
        [.. (await Api.Pods.ListAsync(ns)).Items.Where(p => p.Metadata.DeletionTimestamp is null)];

    private static (string, string, string, bool?, bool?) Owner(V1ReplicaSet set) =>
        OwnerReferences.ControllerOf(set.Metadata) is { } o ? (o.Kind, o.Name, o.Uid, o.Controller, o.BlockOwnerDeletion) : default;

    private static (string?, string?) Condition(V1Deployment d, string type) =>
        d.Status?.Conditions?.FirstOrDefault(c => c.Type == type) is { } c ? (c.Status, c.Reason) : (null, null);

    private static V1Deployment Deployment(string ns, string name, int replicas, string image) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = image }] },
            },
        },
    };
}
