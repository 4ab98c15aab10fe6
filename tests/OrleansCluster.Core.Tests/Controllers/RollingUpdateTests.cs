using k8s.Models;
using OrleansCluster.Core.Controllers.Deployments;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class RollingUpdateTests
{
    [Theory]
    [InlineData(null, null, 10, 3, 2)]
    [InlineData(null, null, 1, 1, 0)]
    [InlineData("0", "0", 5, 0, 1)]
    [InlineData("1", "0", 5, 1, 0)]
    [InlineData("50%", "50%", 3, 2, 1)]
    [InlineData("100%", "0%", 4, 4, 0)]
    [InlineData("2", "30%", 10, 2, 3)]
    public void Fenceposts_round_surge_up_and_unavailability_down(string? surge, string? unavailable, int replicas, int maxSurge, int maxUnavailable)
    {
        var limits = RolloutLimits.Resolve(Io(surge), Io(unavailable), replicas);
        Assert.Equal(new RolloutLimits(maxSurge, maxUnavailable), limits);
    }

    [Fact]
    public void A_fencepost_that_is_neither_a_count_nor_a_percentage_is_a_format_error() =>
        Assert.Throws<FormatException>(() => RolloutLimits.Resolve(Io("x%"), null, 3));

    [Fact]
    public void The_new_ReplicaSet_grows_first_within_the_ceiling()
    {
        var (grown, old) = RollingUpdate.Step(10, new RolloutLimits(3, 2), new("new", 0, 0), [new("old", 10, 10)]);
        Assert.Equal(3, grown);
        Assert.Equal(10, old["old"]);
    }

    [Fact]
    public void Old_ReplicaSets_shrink_unavailable_pods_first_then_the_oldest_as_far_as_the_floor_allows()
    {
        var (grown, old) = RollingUpdate.Step(10, new RolloutLimits(0, 4),
            new("new", 0, 0), [new("oldest", 6, 4), new("older", 4, 4)]);
        Assert.Equal(0, grown);
        // The two unavailable pods of "oldest" go for free, then two available ones: 6 available remain, the floor.
        Assert.Equal(2, old["oldest"]);
        Assert.Equal(4, old["older"]);

        (_, old) = RollingUpdate.Step(10, new RolloutLimits(0, 2), new("new", 0, 0), [new("oldest", 6, 4), new("older", 4, 4)]);
        Assert.Equal(4, old["oldest"]);
        Assert.Equal(4, old["older"]);
    }

    [Fact]
    public void Nothing_shrinks_while_the_new_pods_are_not_available_and_the_floor_is_reached()
    {
        var (grown, old) = RollingUpdate.Step(4, new RolloutLimits(1, 0), new("new", 1, 0), [new("old", 4, 4)]);
        Assert.Equal(1, grown);
        Assert.Equal(4, old["old"]);
    }

    /// <summary>Whole rollouts with pods becoming available at random: never above the ceiling, never below the floor, always done.</summary>
    [Fact]
    public void A_rollout_never_crosses_its_fenceposts_and_finishes()
    {
        var random = new Random(20261204);
        for (var run = 0; run < 1_000; run++)
        {
            var replicas = random.Next(0, 25);
            var limits = RolloutLimits.Resolve(Io(random.Next(0, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Io(random.Next(0, 6) + (random.Next(2) == 0 ? "%" : "")), replicas);
            var ceiling = limits.Ceiling(replicas);
            var floor = limits.Floor(replicas);
            var current = new ReplicaSetScale("new", 0, 0);
            var old = new List<ReplicaSetScale> { new("v1", replicas, replicas) };
            var ticks = 0;
            while (!(current.Replicas == replicas && current.AvailableReplicas == replicas && old.All(o => o.Replicas == 0)))
            {
                Assert.True(++ticks < 500, $"run {run}: replicas {replicas}, {limits}: stuck at new {current}, old {string.Join(",", old)}");
                var (grown, scaled) = RollingUpdate.Step(replicas, limits, current, old);
                current = current with { Replicas = grown, AvailableReplicas = Math.Min(current.AvailableReplicas, grown) };
                old = old.Select(o => o with { Replicas = scaled[o.Name], AvailableReplicas = Math.Min(o.AvailableReplicas, scaled[o.Name]) }).ToList();

                var total = current.Replicas + old.Sum(o => o.Replicas);
                var available = current.AvailableReplicas + old.Sum(o => o.AvailableReplicas);
                Assert.True(total <= ceiling, $"run {run}: {total} pods above the ceiling {ceiling}");
                Assert.True(available >= floor, $"run {run}: {available} available below the floor {floor}");

                // Some of the new pods become available.
                current = current with { AvailableReplicas = Math.Min(current.Replicas, current.AvailableReplicas + random.Next(0, 3)) };
            }
        }
    }

    private static IntOrString? Io(string? value) => value is null ? null : (IntOrString)value;
}
