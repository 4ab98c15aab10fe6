using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;
using OrleansCluster.TestSupport;
using static OrleansCluster.Store.Tests.Objects.StoreFactory;

namespace OrleansCluster.Store.Tests.Objects;

public sealed class ObjectStoreTests : IAsyncLifetime
{
    private StoreFactory f = null!;

    public async Task InitializeAsync() => f = new StoreFactory(await PostgresServer.CreateDatabaseAsync());

    public async Task DisposeAsync() => await f.DisposeAsync();

    [Fact]
    public async Task A_created_object_carries_its_revision_as_resourceVersion()
    {
        var revision = await f.Store.PutAsync(PodWrite(Pod("default", "web"), 0, "n1"));

        var stored = await f.Store.GetAsync(Pod("default", "web"));

        Assert.NotNull(stored);
        Assert.Equal(revision, stored.Revision);
        Assert.Equal(revision.ToString(), ResourceVersionOf(stored.Json));
    }

    [Fact]
    public async Task Creating_an_existing_object_conflicts_and_changes_nothing()
    {
        await f.Store.PutAsync(PodWrite(Pod("default", "web"), 0, "first"));
        var (headBefore, _) = await f.Log.MarksAsync();

        await Assert.ThrowsAsync<RevisionConflictException>(() => f.Store.PutAsync(PodWrite(Pod("default", "web"), 0, "second")));

        var (headAfter, _) = await f.Log.MarksAsync();
        Assert.Equal(headBefore, headAfter);
        Assert.Equal("first", PayloadOf((await f.Store.GetAsync(Pod("default", "web")))!.Json));
    }

    [Fact]
    public async Task A_stale_update_conflicts_and_changes_nothing()
    {
        var first = await f.Store.PutAsync(PodWrite(Pod("default", "web"), 0, "v1"));
        await f.Store.PutAsync(PodWrite(Pod("default", "web"), first, "v2"));

        await Assert.ThrowsAsync<RevisionConflictException>(() => f.Store.PutAsync(PodWrite(Pod("default", "web"), first, "v3")));

        Assert.Equal("v2", PayloadOf((await f.Store.GetAsync(Pod("default", "web")))!.Json));
    }

    [Fact]
    public async Task Updating_or_deleting_a_missing_object_is_not_found()
    {
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => f.Store.PutAsync(PodWrite(Pod("default", "nope"), 7, "x")));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => f.Store.DeleteAsync(Pod("default", "nope"), 7, null));
    }

    [Fact]
    public async Task Concurrent_writers_from_one_revision_have_exactly_one_winner()
    {
        var key = Pod("default", "contended");
        var revision = await f.Store.PutAsync(PodWrite(key, 0, "start"));
        for (var round = 0; round < 30; round++)
        {
            var from = revision;
            var attempts = Enumerable.Range(0, 6).Select(async writer =>
            {
                try
                {
                    return (Writer: writer, Revision: (long?)await f.Store.PutAsync(PodWrite(key, from, $"r{round}w{writer}")));
                }
                catch (RevisionConflictException)
                {
                    return (Writer: writer, Revision: (long?)null);
                }
            });
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.Revision is not null);
            var stored = (await f.Store.GetAsync(key))!;
            Assert.Equal($"r{round}w{winner.Writer}", PayloadOf(stored.Json));
            Assert.Equal(winner.Revision, stored.Revision);
            revision = stored.Revision;
        }
    }

    [Fact]
    public async Task Lists_select_by_namespace_labels_and_fields_at_a_consistent_revision()
    {
        await f.Store.PutAsync(PodWrite(Pod("a", "web-1"), 0, "n1", new Dictionary<string, string> { ["app"] = "web" }));
        await f.Store.PutAsync(PodWrite(Pod("a", "web-2"), 0, "n2", new Dictionary<string, string> { ["app"] = "web" }));
        await f.Store.PutAsync(PodWrite(Pod("a", "db"), 0, "n1", new Dictionary<string, string> { ["app"] = "db" }));
        var last = await f.Store.PutAsync(PodWrite(Pod("b", "web-3"), 0, "n1", new Dictionary<string, string> { ["app"] = "web" }));

        var inA = await f.Store.ListAsync("pods", "a", LabelSelector.Parse("app=web"), FieldSelector.Everything);
        var everywhere = await f.Store.ListAsync("pods", null, LabelSelector.Parse("app in (web)"), FieldSelector.Parse("spec.nodeName=n1"));
        var notWeb = await f.Store.ListAsync("pods", null, LabelSelector.Parse("app!=web"), FieldSelector.Everything);

        Assert.Equal(["web-1", "web-2"], inA.Items.Select(i => i.Key.Name));
        Assert.Equal(["web-1", "web-3"], everywhere.Items.Select(i => i.Key.Name));
        Assert.Equal(["db"], notWeb.Items.Select(i => i.Key.Name));
        Assert.Equal(last, inA.Revision);
    }

    [Fact]
    public async Task A_chunked_list_is_one_snapshot_split_in_order()
    {
        for (var i = 0; i < 7; i++)
        {
            await f.Store.PutAsync(PodWrite(Pod("a", $"p-{i}"), 0, "n1", new Dictionary<string, string> { ["app"] = "web" }));
        }

        var whole = await f.Store.ListAsync("pods", "a", LabelSelector.Parse("app=web"), FieldSelector.Everything);
        var chunks = new List<JsonArrayChunk>();
        await foreach (var chunk in f.Store.ListJsonChunksAsync("pods", "a", LabelSelector.Parse("app=web"), FieldSelector.Everything, 3))
        {
            chunks.Add(chunk);
            // Writes made while the list is being read belong to a later revision and are not part of it.
            await f.Store.PutAsync(PodWrite(Pod("a", $"late-{chunks.Count}"), 0, "n1", new Dictionary<string, string> { ["app"] = "web" }));
        }

        Assert.Equal([3, 3, 1], chunks.Select(c => c.Count));
        Assert.All(chunks, c => Assert.Equal(whole.Revision, c.Revision));
        Assert.Equal(whole.Items.Select(i => i.Key.Name), chunks.SelectMany(c => System.Text.Json.JsonDocument.Parse(c.Utf8Array)
            .RootElement.EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString())));
    }

    [Fact]
    public async Task A_list_as_json_array_chunks_holds_the_stored_bodies_in_order()
    {
        for (var i = 0; i < 5; i++)
        {
            await f.Store.PutAsync(PodWrite(Pod("a", $"p-{i}"), 0, "n1", new Dictionary<string, string> { ["app"] = "web" }));
        }

        var whole = await f.Store.ListAsync("pods", "a", LabelSelector.Everything, FieldSelector.Everything);
        var chunks = new List<JsonArrayChunk>();
        await foreach (var chunk in f.Store.ListJsonChunksAsync("pods", "a", LabelSelector.Everything, FieldSelector.Everything, 2))
        {
            chunks.Add(chunk);
        }

        var empty = new List<JsonArrayChunk>();
        await foreach (var chunk in f.Store.ListJsonChunksAsync("pods", "nowhere", LabelSelector.Everything, FieldSelector.Everything, 2))
        {
            empty.Add(chunk);
        }

        Assert.Equal([2, 2, 1], chunks.Select(c => c.Count));
        var bodies = chunks.SelectMany(c => System.Text.Json.JsonDocument.Parse(c.Utf8Array).RootElement.EnumerateArray()
            .Select(e => e.GetRawText())).ToList();
        Assert.Equal(whole.Items.Select(i => System.Text.Json.JsonDocument.Parse(i.Json).RootElement.GetRawText()), bodies);
        Assert.All(chunks, c => Assert.Equal(whole.Revision, c.Revision));
        var none = Assert.Single(empty);
        Assert.Equal((0, "[]"), (none.Count, System.Text.Encoding.UTF8.GetString(none.Utf8Array)));
    }

    [Fact]
    public async Task A_chunked_list_of_nothing_is_one_empty_chunk_with_the_revision()
    {
        var last = await f.Store.PutAsync(PodWrite(Pod("a", "db"), 0, "n1", new Dictionary<string, string> { ["app"] = "db" }));

        var chunks = new List<JsonArrayChunk>();
        await foreach (var chunk in f.Store.ListJsonChunksAsync("pods", "a", LabelSelector.Parse("app=web"), FieldSelector.Everything, 3))
        {
            chunks.Add(chunk);
        }

        var only = Assert.Single(chunks);
        Assert.Equal(0, only.Count);
        Assert.Equal(last, only.Revision);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_logs_its_final_state()
    {
        var created = await f.Store.PutAsync(PodWrite(Pod("default", "gone"), 0, "n1"));

        var deleted = await f.Store.DeleteAsync(Pod("default", "gone"), created, null);

        Assert.Null(await f.Store.GetAsync(Pod("default", "gone")));
        var page = await f.Log.ReadAfterAsync(created, 10);
        var entry = Assert.Single(page.Entries);
        Assert.Equal(ChangeType.Deleted, entry.Type);
        Assert.Equal(deleted, entry.Revision);
        Assert.Equal(deleted.ToString(), ResourceVersionOf(entry.Json));
    }
}
