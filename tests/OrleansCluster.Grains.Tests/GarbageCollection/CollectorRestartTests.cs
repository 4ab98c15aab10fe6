using Microsoft.Extensions.DependencyInjection;
using OrleansCluster.Abstractions;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.Controllers;
using OrleansCluster.Controllers.GarbageCollection;
using static OrleansCluster.Grains.Tests.GarbageCollection.Owned;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests.GarbageCollection;

/// <summary>A cluster whose silo does not host the collector: the test starts and stops it.</summary>
public sealed class CollectorOffFixture() : ClusterFixture(scheduler: false, new ControllerOptions { Disabled = new HashSet<string> { GarbageCollector.Name } });

public sealed class CollectorRestartTests(CollectorOffFixture cluster) : IClassFixture<CollectorOffFixture>
{
    private OrleansCluster.Api.OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task Dependents_of_an_owner_deleted_while_the_collector_was_down_are_collected_when_it_comes_back()
    {
        var ns = await NamespaceAsync(Api, "gc-restart");
        var owner = await CreateAsync(Api, ns, "owner");
        await CreateAsync(Api, ns, "a", Reference(owner));
        await CreateAsync(Api, ns, "b", Reference(owner, block: true));

        // Nothing collects while the collector is down: the owner goes, its dependents stay.
        var (_, removed) = await Api.Pods.DeleteAsync("owner", ns, new DeleteRequest { PropagationPolicy = "Background" });
        Assert.True(removed);
        Assert.Equal(["a", "b"], (await Api.Pods.ListAsync(ns)).Items.Select(p => p.Metadata.Name).Order());

        await using var collector = Start();

        await EventuallyAsync(async () => (await Api.Pods.ListAsync(ns)).Items.Count == 0, "the dependents collected");
    }

    private Running Start()
    {
        var context = cluster.Services.GetRequiredService<ControllerContext>();
        var slice = GarbageCollector.Create(context, Shard.Whole);
        var stop = new CancellationTokenSource();
        return new Running(slice, slice.RunAsync(stop.Token), stop);
    }

    private sealed record Running(IController Slice, Task Run, CancellationTokenSource Stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            try
            {
                await Run;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            Stop.Dispose();
        }
    }
}
