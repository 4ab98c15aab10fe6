using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Migrations;
using OrleansCluster.Store.Objects;
using OrleansCluster.Store.Tests.Objects;
using OrleansCluster.TestSupport;
using static OrleansCluster.Store.Tests.Objects.StoreFactory;

namespace OrleansCluster.Store.Tests.Migrations;

/// <summary>0120 turns stored bodies from jsonb into json: a database written before it must read and write on unchanged.</summary>
public sealed class JsonBodiesMigrationTests
{
    private const string JsonBodies = "0120_json_bodies";

    [Fact]
    public async Task Objects_and_history_written_with_jsonb_bodies_read_back_the_same_and_take_new_writes()
    {
        var db = await PostgresServer.CreateEmptyDatabaseAsync();
        var embedded = Migration.LoadEmbedded();
        await MigrationRunner.ApplyAsync(db, [.. embedded.Where(m => string.CompareOrdinal(m.Version, JsonBodies) < 0)]);
        var web = Pod("default", "web");
        var labels = new Dictionary<string, string> { ["app"] = "web" };

        long updated;
        string bodyBefore;
        ObjectList listBefore;
        IReadOnlyList<LogEntry> historyBefore;
        await using (var old = new StoreFactory(db))
        {
            var created = await old.Store.PutAsync(PodWrite(web, 0, "n1", labels));
            updated = await old.Store.PutAsync(PodWrite(web, created, "n2", labels));
            await old.Store.PutAsync(PodWrite(Pod("default", "db"), 0, "n1"));
            bodyBefore = (await old.Store.GetAsync(web))!.Json;
            listBefore = await old.Store.ListAsync("pods", "default", LabelSelector.Parse("app=web"), FieldSelector.Everything);
            historyBefore = (await old.Log.ReadAfterAsync(0, 100)).Entries;
        }

        Assert.Equal([JsonBodies], await MigrationRunner.ApplyAsync(db));
        Assert.Equal("json", await Sql.ScalarAsync<string>(db,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'kube_objects' AND column_name = 'body'"));
        Assert.Equal("json", await Sql.ScalarAsync<string>(db,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'kube_log' AND column_name = 'body'"));

        await using var f = new StoreFactory(db);
        Assert.Equal(bodyBefore, (await f.Store.GetAsync(web))!.Json);
        Assert.Equal(listBefore, await f.Store.ListAsync("pods", "default", LabelSelector.Parse("app=web"), FieldSelector.Everything),
            new ObjectListComparer());
        Assert.Equal(historyBefore.Select(e => (e.Revision, e.Type, e.Json)),
            (await f.Log.ReadAfterAsync(0, 100)).Entries.Select(e => (e.Revision, e.Type, e.Json)));

        var next = await f.Store.PutAsync(PodWrite(web, updated, "n3", labels));
        var stored = (await f.Store.GetAsync(web))!;
        Assert.Equal(("n3", next.ToString()), (PayloadOf(stored.Json), ResourceVersionOf(stored.Json)));

        // A delete without a final body logs the stored one, now read back from json.
        var deleted = await f.Store.DeleteAsync(web, next, null);
        var last = (await f.Log.ReadAfterAsync(next, 10)).Entries.Single();
        Assert.Equal((ChangeType.Deleted, "n3", deleted.ToString()), (last.Type, PayloadOf(last.Json), ResourceVersionOf(last.Json)));

        // The file is safe to run again: nothing changes.
        await Sql.ExecuteAsync(db, embedded.Single(m => m.Version == JsonBodies).Sql);
        Assert.Equal("n1", PayloadOf((await f.Store.GetAsync(Pod("default", "db")))!.Json));
    }

    private sealed class ObjectListComparer : IEqualityComparer<ObjectList>
    {
        public bool Equals(ObjectList? x, ObjectList? y) =>
            x!.Revision == y!.Revision && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(ObjectList obj) => obj.Revision.GetHashCode();
    }
}
