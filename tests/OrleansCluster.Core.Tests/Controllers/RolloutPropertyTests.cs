using OrleansCluster.Core.Controllers.Deployments;

namespace OrleansCluster.Core.Tests.Controllers;

/// <summary>
/// Rollouts driven to the end with pods becoming available at random rates: the fenceposts hold after every pass,
/// the counts add up, and the rollout ends with every pod on the new template.
/// </summary>
public sealed class RolloutPropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_rolling_update_stays_within_its_fenceposts_and_finishes(int seed)
    {
        var random = new Random(seed);
        var replicas = random.Next(1, 12);
        var surge = Fencepost(random);
        var unavailable = Fencepost(random);
        var world = new DeploymentWorld(replicas, maxSurge: surge, maxUnavailable: unavailable);
        world.RollOut();
        var limits = RolloutLimits.Resolve((k8s.Models.IntOrString)surge, (k8s.Models.IntOrString)unavailable, replicas);
        world.Edit(s => s.Template = DeploymentWorld.Template("web:2"));

        var newAvailable = 0;
        for (var pass = 0; !world.Complete; pass++)
        {
            Assert.True(pass < 500, $"seed {seed}: no end after {pass} passes");
            world.Pass();
            var total = world.Sets.Sum(s => s.Spec.Replicas ?? 0);
            Assert.True(total <= replicas + limits.MaxSurge, $"seed {seed}: {total} pods above {replicas}+{limits.MaxSurge}");
            var available = world.Sets.Sum(s => Math.Min(s.Spec.Replicas ?? 0, s == world.NewSet ? newAvailable : s.Status?.AvailableReplicas ?? 0));
            Assert.True(available >= replicas - limits.MaxUnavailable,
                $"seed {seed}: {available} available below {replicas}-{limits.MaxUnavailable}");

            var status = world.Deployment.Status;
            Assert.Equal(world.Sets.Sum(s => s.Status?.Replicas ?? 0), status.Replicas ?? 0);
            Assert.Equal(world.NewSet?.Status?.Replicas ?? 0, status.UpdatedReplicas ?? 0);
            Assert.Equal(Math.Max(0, total - (status.AvailableReplicas ?? 0)), status.UnavailableReplicas ?? 0);

            newAvailable += random.Next(0, 3);
            world.SettleReplicaSets(newAvailable);
        }

        Assert.Equal(replicas, world.NewSet!.Spec.Replicas);
        Assert.All(world.OldSets, s => Assert.Equal(0, s.Spec.Replicas));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Recreate_brings_the_new_set_up_only_once_every_old_pod_is_gone(int seed)
    {
        var random = new Random(seed);
        var replicas = random.Next(1, 8);
        var world = new DeploymentWorld(replicas, recreate: true);
        world.RollOut();
        var old = world.NewSet!;
        world.Edit(s => s.Template = DeploymentWorld.Template("web:2"));
        world.Pods.Add(world.PodOf(old, "lingering"));

        for (var pass = 0; !world.Complete; pass++)
        {
            Assert.True(pass < 100, $"seed {seed}: no end");
            world.Pass();
            if (world.NewSet is { } current && (current.Spec.Replicas ?? 0) > 0)
            {
                Assert.All(world.OldSets, s => Assert.Equal((0, 0), (s.Spec.Replicas ?? 0, s.Status?.Replicas ?? 0)));
                Assert.Empty(world.Pods);
            }

            world.SettleReplicaSets(random.Next(0, replicas + 1));
            if (random.Next(3) == 0)
            {
                world.Pods.Clear(); // the last old pod stops, some passes later
            }

            if (pass > 20)
            {
                world.SettleReplicaSets();
            }
        }

        Assert.Contains(world.Events, e => e.StartsWith($"Scaled down replica set {old.Metadata.Name} to 0 from {replicas}", StringComparison.Ordinal));
    }

    /// <summary>A count of 0–4 or a percentage of 0–100.</summary>
    private static string Fencepost(Random random) =>
        random.Next(2) == 0
            ? random.Next(0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : random.Next(0, 101).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
}
