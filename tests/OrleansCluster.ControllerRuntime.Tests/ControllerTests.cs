using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.ControllerRuntime.Tests.Informers;
using OrleansCluster.Core.Resources;
using OrleansCluster.TestSupport;

namespace OrleansCluster.ControllerRuntime.Tests;

public sealed class ControllerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Slices_split_the_keys_between_them_and_every_key_is_reconciled_by_exactly_one()
    {
        var source = new ScriptedListWatch();
        var namespaces = Enumerable.Range(0, 40).Select(i => $"team-{i}").ToList();
        foreach (var ns in namespaces)
        {
            source.Put(ScriptedListWatch.Pod("web", ns));
        }

        var informer = new SharedInformer<V1Pod>(source, ResourceTypes.Pod, NullLogger.Instance);
        var reconciled = new ConcurrentDictionary<ObjectName, int>();
        const int slices = 4;
        using var stop = new CancellationTokenSource();
        var controllers = Enumerable.Range(0, slices).Select(i => new Controller<ObjectName>(
                "test", new Shard(i, slices), key => key.Namespace!, (key, _) =>
                {
                    reconciled.AddOrUpdate(key, 1, (_, n) => n + 1);
                    return Task.FromResult<TimeSpan?>(null);
                }, new WorkQueueOptions(), TimeProvider.System, NullLogger.Instance)
            .Watch(informer, EventKeys.Self)).ToList();
        var running = Task.WhenAll(controllers.Select(c => c.RunAsync(stop.Token)).Append(informer.RunAsync(stop.Token)));

        await Eventually.Until(() => Task.FromResult(reconciled.Count), n => n == namespaces.Count, Deadline, "every namespace reconciled");

        Assert.All(reconciled.Values, n => Assert.Equal(1, n));
        Assert.True(controllers.Count(c => c.Completed > 0) > 1, "the keys are spread over several slices");
        await stop.CancelAsync();
        await running.ContinueWith(_ => { });
    }

    [Fact]
    public void The_slice_of_a_key_is_the_same_in_every_process()
    {
        Assert.Equal(Shard.Of("default", 4), Shard.Of("default", 4));
        Assert.InRange(Shard.Of("kube-system", 7), 0, 6);
        Assert.True(Shard.Whole.Owns("anything"));
        var spread = Enumerable.Range(0, 400).Select(i => Shard.Of($"ns-{i}", 4)).GroupBy(s => s).ToList();
        Assert.Equal(4, spread.Count);
        Assert.All(spread, g => Assert.InRange(g.Count(), 60, 140));
    }
}
