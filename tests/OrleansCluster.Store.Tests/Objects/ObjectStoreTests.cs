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
