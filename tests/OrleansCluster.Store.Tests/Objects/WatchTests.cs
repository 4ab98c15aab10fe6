using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;
using OrleansCluster.TestSupport;
using static OrleansCluster.Store.Tests.Objects.StoreFactory;

namespace OrleansCluster.Store.Tests.Objects;

public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private StoreFactory f = null!;

    public async Task InitializeAsync()
    {
        f = new StoreFactory(await PostgresServer.CreateDatabaseAsync());
        await f.Tailer.StartAsync();
    }

    public async Task DisposeAsync() => await f.DisposeAsync();

    [Fact]
    public async Task A_watch_from_a_list_sees_every_later_change_once_in_order_while_writers_run()
    {
        for (var i = 0; i < 20; i++)
        {
            await f.Store.PutAsync(PodWrite(Pod("w", $"seed-{i}"), 0, "n0"));
        }

        var list = await f.Store.ListAsync("pods", "w", LabelSelector.Everything, FieldSelector.Everything);
        using var cts = new CancellationTokenSource(Deadline);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<WatchEvent>();
        var scope = new WatchScope("pods", "w", LabelSelector.Everything, FieldSelector.Everything);
        var watching = Task.Run(async () =>
        {
            await foreach (var e in f.Watch.WatchAsync(scope, list.Revision, null, cts.Token))
            {
                seen.Enqueue(e);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteChurnAsync(w, 60))));
        var (head, _) = await f.Log.MarksAsync();
        while (!seen.Any(e => e.Revision >= head))
        {
            await Task.Delay(20, cts.Token);
        }

        await cts.CancelAsync();
        await watching;

        var expected = (await f.Log.ReadAfterAsync(list.Revision, 100_000, "pods")).Entries
            .Where(e => e.Key.Namespace == "w").Select(e => e.Revision).ToList();
        Assert.Equal(expected, seen.Select(e => e.Revision).ToList());

        // Replaying the events over the list gives the final state.
        var state = list.Items.ToDictionary(i => i.Key.Name, i => i.Json);
        foreach (var e in seen)
        {
            var name = System.Text.Json.JsonDocument.Parse(e.Json).RootElement.GetProperty("metadata").GetProperty("name").GetString()!;
            if (e.Type == WatchEventType.Deleted)
            {
                Assert.True(state.Remove(name));
            }
            else
            {
                state[name] = e.Json;
            }
        }

        var final = await f.Store.ListAsync("pods", "w", LabelSelector.Everything, FieldSelector.Everything);
        Assert.Equal(final.Items.ToDictionary(i => i.Key.Name, i => i.Json), state);
    }

    [Fact]
    public async Task A_selective_watch_sees_objects_enter_and_leave_its_selection()
    {
        var key = Pod("s", "p");
        var start = await f.Store.PutAsync(PodWrite(key, 0, "n1", new Dictionary<string, string> { ["tier"] = "back" }));
        var r2 = await f.Store.PutAsync(PodWrite(key, start, "n1", new Dictionary<string, string> { ["tier"] = "front" }));
        var r3 = await f.Store.PutAsync(PodWrite(key, r2, "n2", new Dictionary<string, string> { ["tier"] = "front" }));
        var r4 = await f.Store.PutAsync(PodWrite(key, r3, "n2", new Dictionary<string, string> { ["tier"] = "back" }));
        await f.Store.PutAsync(PodWrite(key, r4, "n3", new Dictionary<string, string> { ["tier"] = "back" }));

        using var cts = new CancellationTokenSource(Deadline);
        var scope = new WatchScope("pods", "s", LabelSelector.Parse("tier=front"), FieldSelector.Everything);
        var events = new List<(WatchEventType, long)>();
        await foreach (var e in f.Watch.WatchAsync(scope, start, null, cts.Token))
        {
            events.Add((e.Type, e.Revision));
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, r2), (WatchEventType.Modified, r3), (WatchEventType.Deleted, r4)], events);
    }

    [Fact]
    public async Task A_watch_from_pruned_history_is_expired()
    {
        long revision = 0;
        for (var i = 0; i < 20; i++)
        {
            revision = await f.Store.PutAsync(PodWrite(Pod("c", $"p{i}"), 0, "n"));
        }

        var mark = await f.Log.CompactAsync(keep: 5);
        Assert.Equal(revision - 5, mark);

        using var cts = new CancellationTokenSource(Deadline);
        var scope = new WatchScope("pods", null, LabelSelector.Everything, FieldSelector.Everything);
        await Assert.ThrowsAsync<RevisionExpiredException>(async () =>
        {
            await foreach (var unused in f.Watch.WatchAsync(scope, mark - 3, null, cts.Token))
            {
            }
        });

        // From the mark itself, the kept history is complete.
        var first = await FirstAsync(f.Watch.WatchAsync(scope, mark, null, cts.Token));
        Assert.Equal(mark + 1, first.Revision);
    }

    [Fact]
    public async Task A_live_watch_is_woken_by_a_write_and_quiet_watches_get_bookmarks()
    {
        var (head, _) = await f.Log.MarksAsync();
        using var cts = new CancellationTokenSource(Deadline);
        var scope = new WatchScope("pods", "live", LabelSelector.Everything, FieldSelector.Everything);
        var received = FirstAsync(f.Watch.WatchAsync(scope, head, null, cts.Token));

        var written = await f.Store.PutAsync(PodWrite(Pod("live", "p"), 0, "n"));

        var e = await received;
        Assert.Equal((WatchEventType.Added, written), (e.Type, e.Revision));

        // A write elsewhere moves the revision on: a quiet watcher of "live" learns it through a bookmark.
        var elsewhere = await f.Store.PutAsync(PodWrite(Pod("other", "p"), 0, "n"));
        var bookmark = await FirstAsync(f.Watch.WatchAsync(scope, written, TimeSpan.FromMilliseconds(200), cts.Token));
        Assert.Equal((WatchEventType.Bookmark, elsewhere), (bookmark.Type, bookmark.Revision));
    }

    private async Task WriteChurnAsync(int writer, int count)
    {
        var revisions = new Dictionary<string, long>();
        for (var i = 0; i < count; i++)
        {
            var name = $"w{writer}-{i % 7}";
            var key = Pod("w", name);
            if (!revisions.TryGetValue(name, out var revision))
            {
                revisions[name] = await f.Store.PutAsync(PodWrite(key, 0, $"{i}"));
            }
            else if (i % 5 == 0)
            {
                await f.Store.DeleteAsync(key, revision, null);
                revisions.Remove(name);
            }
            else
            {
                revisions[name] = await f.Store.PutAsync(PodWrite(key, revision, $"{i}"));
            }
        }
    }

    private static async Task<WatchEvent> FirstAsync(IAsyncEnumerable<WatchEvent> events)
    {
        await foreach (var e in events)
        {
            return e;
        }

        throw new InvalidOperationException("the watch ended without an event");
    }
}
