using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests;

public sealed class WatchTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task A_read_prompted_by_a_watch_event_sees_at_least_that_change()
    {
        // A node agent reads the pod it was told about: the read must not answer with the state before the event.
        const int Writes = 300;
        await Api.Namespaces.CreateAsync(Namespace("read-after-watch"));
        var pod = await Api.Pods.CreateAsync(Pod("read-after-watch", "p"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stale = new List<string>();
        var seen = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var e in Api.Pods.WatchAsync("read-after-watch", pod.Metadata.ResourceVersion, ct: cts.Token))
            {
                var read = await Api.Pods.GetAsync("p", "read-after-watch");
                if (long.Parse(read!.Metadata.ResourceVersion) < long.Parse(e.ResourceVersion))
                {
                    stale.Add($"event at {e.ResourceVersion}, read {read.Metadata.ResourceVersion}");
                }

                if (++seen == Writes)
                {
                    return;
                }
            }
        });

        for (var i = 0; i < Writes; i++)
        {
            await Api.Pods.PatchAsync("p", "read-after-watch", new { metadata = new { labels = new { n = $"v{i}" } } });
        }

        await reading.WaitAsync(cts.Token);
        Assert.Empty(stale);
    }

    [Fact]
    public async Task A_watch_from_a_list_sees_later_changes_in_order()
    {
        await Api.Namespaces.CreateAsync(Namespace("watched"));
        await Api.Pods.CreateAsync(Pod("watched", "before"));
        var list = await Api.Pods.ListAsync("watched");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<WatchEvent<k8s.Models.V1Pod>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in Api.Pods.WatchAsync("watched", list.ResourceVersion, ct: cts.Token))
            {
                events.Add(e);
                if (events.Count == 3)
                {
                    return;
                }
            }
        });

        var created = await Api.Pods.CreateAsync(Pod("watched", "after"));
        var patched = await Api.Pods.PatchAsync("after", "watched", new { metadata = new { labels = new { x = "y" } } });
        await Api.Pods.DeleteAsync("before", "watched");
        await watching.WaitAsync(cts.Token);

        Assert.Equal([WatchTypes.Added, WatchTypes.Modified, WatchTypes.Deleted], events.Select(e => e.Type));
        Assert.Equal(created.Metadata.ResourceVersion, events[0].ResourceVersion);
        Assert.Equal(patched.Metadata.ResourceVersion, events[1].Object!.Metadata.ResourceVersion);
        Assert.Equal("before", events[2].Object!.Metadata.Name);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_only_selected_objects()
    {
        await Api.Namespaces.CreateAsync(Namespace("selective"));
        var list = await Api.Pods.ListAsync("selective", labelSelector: "app=web");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = FirstAsync(Api.Pods.WatchAsync("selective", list.ResourceVersion, labelSelector: "app=web", ct: cts.Token));

        await Api.Pods.CreateAsync(Pod("selective", "db", new Dictionary<string, string> { ["app"] = "db" }));
        await Api.Pods.CreateAsync(Pod("selective", "web", new Dictionary<string, string> { ["app"] = "web" }));

        var e = await first;
        Assert.Equal((WatchTypes.Added, "web"), (e.Type, e.Object!.Metadata.Name));
    }

    [Fact]
    public async Task A_watch_without_a_version_starts_with_the_current_objects()
    {
        await Api.Namespaces.CreateAsync(Namespace("replayed"));
        await Api.Pods.CreateAsync(Pod("replayed", "existing"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var e = await FirstAsync(Api.Pods.WatchAsync("replayed", ct: cts.Token));

        Assert.Equal((WatchTypes.Added, "existing"), (e.Type, e.Object!.Metadata.Name));
    }

    [Theory]
    [InlineData("app in (a", null, "BadRequest")]
    [InlineData(null, "spec.unknown=x", "BadRequest")]
    public async Task Bad_selectors_are_rejected(string? labels, string? fields, string reason)
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Api.Pods.ListAsync("default", labels, fields));

        Assert.Equal((400, reason), (e.Code, e.Reason));
    }

    [Fact]
    public async Task A_malformed_resourceVersion_is_rejected()
    {
        var e = await Assert.ThrowsAsync<ApiException>(async () =>
            await FirstAsync(Api.Pods.WatchAsync("default", "not-a-version")));

        Assert.Equal(400, e.Code);
    }

    [Fact]
    public async Task A_watch_stays_open_longer_than_a_call_may_take()
    {
        await Api.Namespaces.CreateAsync(Namespace("quiet"));
        var list = await Api.Pods.ListAsync("quiet");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var first = FirstAsync(Api.Pods.WatchAsync("quiet", list.ResourceVersion, ct: cts.Token));

        // Quiet for longer than a grain call may take.
        await Task.Delay(ClusterFixture.ResponseTimeout + TimeSpan.FromSeconds(2), cts.Token);
        Assert.False(first.IsCompleted);
        await Api.Pods.CreateAsync(Pod("quiet", "late"));

        var e = await first;
        Assert.Equal((WatchTypes.Added, "late"), (e.Type, e.Object!.Metadata.Name));
    }

    private static async Task<WatchEvent<T>> FirstAsync<T>(IAsyncEnumerable<WatchEvent<T>> events)
    {
        await foreach (var e in events)
        {
            return e;
        }

        throw new InvalidOperationException("the watch ended without an event");
    }
}
