using System.Collections.Concurrent;
using OrleansCluster.Store.Objects;
using OrleansCluster.TestSupport;
using static OrleansCluster.Store.Tests.Objects.StoreFactory;

namespace OrleansCluster.Store.Tests.Objects;

/// <summary>Group commit: writes applied together behave exactly as if applied one after another.</summary>
public sealed class WriteBatchTests : IAsyncLifetime
{
    private StoreFactory f = null!;

    public async Task InitializeAsync() => f = new StoreFactory(await PostgresServer.CreateDatabaseAsync());

    public async Task DisposeAsync() => await f.DisposeAsync();

    [Fact]
    public async Task Create_update_delete_and_recreate_of_one_key_in_one_batch_see_each_other()
    {
        var key = Pod("default", "churn");
        var (head, _) = await f.Log.MarksAsync();
        var ops = new[]
        {
            PendingWrite.Put(PodWrite(key, 0, "v1")),
            PendingWrite.Put(PodWrite(key, 0, "duplicate create")),
            PendingWrite.Put(PodWrite(key, head + 1, "v2")),
            PendingWrite.Put(PodWrite(key, head + 1, "stale update")),
            PendingWrite.Remove(key, head + 2, null),
            PendingWrite.Put(PodWrite(key, head + 3, "update after delete")),
            PendingWrite.Remove(key, head + 2, null),
            PendingWrite.Put(PodWrite(key, 0, "v3")),
        };

        await new WriteBatcher(f.DataSource).ApplyAsync(ops);

        Assert.Equal(head + 1, await ops[0].Result.Task);
        await Assert.ThrowsAsync<RevisionConflictException>(() => ops[1].Result.Task);
        Assert.Equal(head + 2, await ops[2].Result.Task);
        await Assert.ThrowsAsync<RevisionConflictException>(() => ops[3].Result.Task);
        Assert.Equal(head + 3, await ops[4].Result.Task);
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => ops[5].Result.Task);
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => ops[6].Result.Task);
        Assert.Equal(head + 4, await ops[7].Result.Task);

        var page = await f.Log.ReadAfterAsync(head, 100);
        Assert.Equal([ChangeType.Added, ChangeType.Modified, ChangeType.Deleted, ChangeType.Added], page.Entries.Select(e => e.Type));
        Assert.Equal([head + 1, head + 2, head + 3, head + 4], page.Entries.Select(e => e.Revision));
        Assert.Equal(["v1", "v2", "v2", "v3"], page.Entries.Select(e => PayloadOf(e.Json)));
        Assert.All(page.Entries, e => Assert.Equal(e.Revision.ToString(), ResourceVersionOf(e.Json)));
        Assert.Equal(head + 4, page.Head);
        var stored = (await f.Store.GetAsync(key))!;
        Assert.Equal(("v3", head + 4), (PayloadOf(stored.Json), stored.Revision));
    }

    [Fact]
    public async Task A_conflict_in_the_middle_of_a_batch_leaves_the_others_applied()
    {
        var taken = Pod("default", "taken");
        var first = await f.Store.PutAsync(PodWrite(taken, 0, "original"));
        var ops = new[]
        {
            PendingWrite.Put(PodWrite(Pod("default", "a"), 0, "a")),
            PendingWrite.Put(PodWrite(taken, 0, "clash")),
            PendingWrite.Put(PodWrite(taken, first + 5, "stale")),
            PendingWrite.Put(PodWrite(Pod("default", "b"), 0, "b")),
        };

        await new WriteBatcher(f.DataSource).ApplyAsync(ops);

        Assert.Equal(first + 1, await ops[0].Result.Task);
        var clash = await Assert.ThrowsAsync<RevisionConflictException>(() => ops[1].Result.Task);
        Assert.Contains($"exists at revision {first}", clash.Message);
        await Assert.ThrowsAsync<RevisionConflictException>(() => ops[2].Result.Task);
        Assert.Equal(first + 2, await ops[3].Result.Task);
        Assert.Equal("original", PayloadOf((await f.Store.GetAsync(taken))!.Json));
        Assert.Equal((first + 2, 0L), await f.Log.MarksAsync());
    }

    [Fact]
    public async Task A_batch_whose_every_write_fails_changes_nothing()
    {
        var (head, _) = await f.Log.MarksAsync();
        var ops = new[] { PendingWrite.Remove(Pod("default", "none"), 3, null), PendingWrite.Put(PodWrite(Pod("default", "none"), 3, "x")) };

        await new WriteBatcher(f.DataSource).ApplyAsync(ops);

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => ops[0].Result.Task);
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => ops[1].Result.Task);
        Assert.Equal((head, 0L), await f.Log.MarksAsync());
    }

    [Fact]
    public async Task The_single_object_sql_functions_go_through_the_batch_and_raise_as_before()
    {
        var created = await f.Store.PutAsync(PodWrite(Pod("default", "sql"), 0, "v1"));
        await using var put = f.DataSource.CreateCommand(
            "SELECT kube_put('pods', 'default', 'sql', gen_random_uuid(), $1, '{}', '{}', '{\"spec\":{\"nodeName\":\"v2\"}}')");
        put.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = created });
        Assert.Equal(created + 1, (long)(await put.ExecuteScalarAsync())!);

        var again = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => put.ExecuteScalarAsync());
        Assert.Equal("OC409", again.SqlState);
        await using var delete = f.DataSource.CreateCommand("SELECT kube_delete('pods', 'default', 'nope', 1, NULL)");
        Assert.Equal("OC404", (await Assert.ThrowsAsync<Npgsql.PostgresException>(() => delete.ExecuteScalarAsync())).SqlState);
        Assert.Equal("v2", PayloadOf((await f.Store.GetAsync(Pod("default", "sql")))!.Json));
    }

    [Fact]
    public async Task Many_concurrent_writers_get_unique_contiguous_revisions_logged_in_acknowledgement_order()
    {
        const int Keys = 24, WritersPerKey = 4, Rounds = 8;
        var (start, _) = await f.Log.MarksAsync();
        var acknowledged = new ConcurrentDictionary<ObjectKey, List<(long Revision, string Payload)>>();

        await Task.WhenAll(Enumerable.Range(0, Keys).Select(k => Task.Run(async () =>
        {
            var key = Pod("load", $"pod-{k}");
            var acks = acknowledged.GetOrAdd(key, _ => []);
            var revision = await f.Store.PutAsync(PodWrite(key, 0, "created"));
            acks.Add((revision, "created"));
            for (var round = 0; round < Rounds; round++)
            {
                var from = revision;
                var attempts = await Task.WhenAll(Enumerable.Range(0, WritersPerKey).Select(async w =>
                {
                    var payload = $"r{round}w{w}";
                    try
                    {
                        return (Revision: await f.Store.PutAsync(PodWrite(key, from, payload)), Payload: payload);
                    }
                    catch (RevisionConflictException)
                    {
                        return (Revision: 0L, Payload: payload);
                    }
                }));
                var winner = Assert.Single(attempts, a => a.Revision != 0);
                acks.Add(winner);
                revision = winner.Revision;
            }
        })));

        var log = await f.Log.ReadAfterAsync(start, 10_000);
        var total = Keys * (Rounds + 1);
        Assert.Equal(Enumerable.Range(1, total).Select(i => start + i), log.Entries.Select(e => e.Revision));
        Assert.Equal(start + total, log.Head);
        var allAcknowledged = acknowledged.Values.SelectMany(a => a.Select(x => x.Revision)).Order();
        Assert.Equal(log.Entries.Select(e => e.Revision), allAcknowledged);
        foreach (var (key, acks) in acknowledged)
        {
            var logged = log.Entries.Where(e => e.Key == key).Select(e => (e.Revision, PayloadOf(e.Json)));
            Assert.Equal(acks, logged);
        }
    }
}
