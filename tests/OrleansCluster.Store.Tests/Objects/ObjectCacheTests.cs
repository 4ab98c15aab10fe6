using System.Text;
using System.Text.Json;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;
using OrleansCluster.TestSupport;
using static OrleansCluster.Store.Tests.Objects.StoreFactory;

namespace OrleansCluster.Store.Tests.Objects;

public sealed class ObjectCacheTests : IAsyncLifetime
{
    private static readonly (string? Namespace, string Labels, string Fields)[] Selections =
    [
        (null, "", ""),
        ("a", "", ""),
        ("a", "app=web", ""),
        ("b", "app!=web", ""),
        (null, "app in (web,db)", ""),
        (null, "app notin (web)", ""),
        ("c", "tier", ""),
        (null, "!tier", ""),
        (null, "app=web", "spec.nodeName=n1"),
        ("a", "", "metadata.name!=p-3"),
        ("nowhere", "", ""),
    ];

    private StoreFactory f = null!;
    private ObjectCache cache = null!;

    public async Task InitializeAsync()
    {
        f = new StoreFactory(await PostgresServer.CreateDatabaseAsync());
        await f.Tailer.StartAsync();
        cache = new ObjectCache(f.Store, f.Log, f.Tailer);
    }

    public async Task DisposeAsync()
    {
        await cache.DisposeAsync();
        await f.DisposeAsync();
    }

    [Fact]
    public async Task Lists_from_the_cache_equal_the_stores_after_creates_updates_moves_and_deletes()
    {
        await WriteAsync(0, 20);
        await ListAsync(cache, (null, "", ""), 64);  // the pods' cache starts here and follows the log from now on

        await WriteAsync(20, 40);

        await using var loadedLater = new ObjectCache(f.Store, f.Log, f.Tailer);  // starts from a snapshot of everything
        foreach (var selection in Selections)
        {
            var (fromStore, storeRevision) = await ListAsync(null, selection, 4);
            var (followed, followedRevision) = await ListAsync(cache, selection, 4);
            var (loaded, loadedRevision) = await ListAsync(loadedLater, selection, 4);

            Assert.Equal(fromStore, followed);
            Assert.Equal(fromStore, loaded);
            Assert.Equal((storeRevision, storeRevision), (followedRevision, loadedRevision));

            var (labels, fields) = (LabelSelector.Parse(selection.Labels), FieldSelector.Parse(selection.Fields));
            var whole = await f.Store.ListAsync("pods", selection.Namespace, labels, fields);
            var cached = await cache.ListAsync("pods", selection.Namespace, labels, fields);
            Assert.Equal(whole.Revision, cached.Revision);
            Assert.Equal(whole.Items, cached.Items);
        }

        var everything = (await ListAsync(cache, (null, "", ""), 64)).Bodies;
        Assert.Equal(3 * 40 - 3 * 8, everything.Count);  // every fifth pod of each namespace was deleted
        Assert.DoesNotContain(everything, b => b.Contains("\"svc-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_sees_every_write_acknowledged_before_it_began()
    {
        long revision = 0;
        for (var round = 0; round < 100; round++)
        {
            revision = await f.Store.PutAsync(PodWrite(Pod("a", "web"), revision, $"n{round}"));

            var (bodies, listRevision) = await ListAsync(cache, ("a", "", "metadata.name=web"), 64);

            Assert.True(listRevision >= revision, $"round {round}: list at {listRevision}, write at {revision}");
            Assert.Equal((revision.ToString(), $"n{round}"), (ResourceVersionOf(Assert.Single(bodies)), PayloadOf(bodies[0])));
        }
    }

    [Fact]
    public async Task Chunks_hold_at_most_the_chunk_size_and_an_empty_answer_is_one_empty_chunk()
    {
        for (var i = 0; i < 7; i++)
        {
            await f.Store.PutAsync(PodWrite(Pod("a", $"p-{i}"), 0, "n1"));
        }

        var chunks = await ChunksAsync(cache, ("a", "", ""), 3);
        var none = await ChunksAsync(cache, ("a", "app=web", ""), 3);

        Assert.Equal([3, 3, 1], chunks.Select(c => c.Count));
        var empty = Assert.Single(none);
        Assert.Equal((0, "[]", chunks[0].Revision), (empty.Count, Encoding.UTF8.GetString(empty.Utf8Array), empty.Revision));
    }

    /// <summary>Pods <paramref name="from"/>..<paramref name="to"/> in namespaces a, b and c, each then relabelled and
    /// some moved to node n2, every fifth deleted; and services, which a pod list must never show.</summary>
    private async Task WriteAsync(int from, int to)
    {
        foreach (var ns in new[] { "a", "b", "c" })
        {
            for (var i = from; i < to; i++)
            {
                var key = Pod(ns, $"p-{i}");
                var created = await f.Store.PutAsync(PodWrite(key, 0, "n1", Labels(i)));
                var moved = await f.Store.PutAsync(PodWrite(key, created, i % 3 == 0 ? "n2" : "n1", Labels(i + 1)));
                if (i % 5 == 0)
                {
                    await f.Store.DeleteAsync(key, moved, null);
                }
            }

            await f.Store.PutAsync(PodWrite(new ObjectKey("services", ns, $"svc-{from}"), 0, "n1", Labels(from)));
        }
    }

    private static Dictionary<string, string> Labels(int i) => (i % 4) switch
    {
        0 => new() { ["app"] = "web", ["tier"] = "front" },
        1 => new() { ["app"] = "db" },
        2 => new() { ["app"] = "web" },
        _ => [],
    };

    private async Task<(List<string> Bodies, long Revision)> ListAsync(
        ObjectCache? from, (string? Namespace, string Labels, string Fields) selection, int chunkSize)
    {
        var chunks = await ChunksAsync(from, selection, chunkSize);
        var bodies = chunks.SelectMany(c => JsonDocument.Parse(c.Utf8Array).RootElement.EnumerateArray().Select(e => e.GetRawText())).ToList();
        Assert.Single(chunks.Select(c => c.Revision).Distinct());
        return (bodies, chunks[0].Revision);
    }

    private async Task<List<JsonArrayChunk>> ChunksAsync(
        ObjectCache? from, (string? Namespace, string Labels, string Fields) selection, int chunkSize)
    {
        var (labels, fields) = (LabelSelector.Parse(selection.Labels), FieldSelector.Parse(selection.Fields));
        var chunks = new List<JsonArrayChunk>();
        var source = from is null
            ? f.Store.ListJsonChunksAsync("pods", selection.Namespace, labels, fields, chunkSize)
            : from.ListJsonChunksAsync("pods", selection.Namespace, labels, fields, chunkSize);
        await foreach (var chunk in source)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
