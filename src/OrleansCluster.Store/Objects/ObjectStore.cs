using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Queries;

namespace OrleansCluster.Store.Objects;

/// <summary>
/// API objects in PostgreSQL. Writes are grouped by a <see cref="WriteBatcher"/> into <c>kube_apply_batch</c>
/// calls, which allocate the cluster-wide revisions, check each expected one and append to the revision log
/// atomically, one transaction per batch. Lists are one query, consistent with the revision they return.
/// </summary>
public sealed class ObjectStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Sort memory for one list: whole rows are sorted by namespace and name, and at PostgreSQL's default (4 MB) a
    /// 10,000-pod list (~12 MB of rows) was sorted on disk. 64 MB keeps lists of up to ~50,000 pods in memory.
    /// </summary>
    private const string ListSortMemory = "SET LOCAL work_mem = '64MB'";

    private readonly WriteBatcher batcher = new(dataSource);

    /// <summary>
    /// Creates (expected revision 0) or updates an object; returns its new revision. Throws
    /// <see cref="RevisionConflictException"/> or <see cref="ObjectNotFoundException"/> having changed nothing.
    /// Once submitted the write goes ahead: cancelling only stops the wait, and leaves its outcome unknown.
    /// </summary>
    public Task<long> PutAsync(ObjectWrite write, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return batcher.SubmitAsync(PendingWrite.Put(write)).WaitAsync(ct);
    }

    /// <summary>
    /// Removes an object that is at <paramref name="expectedRevision"/>, logging <paramref name="finalJson"/> (or the
    /// stored body when null) as its last state; returns the revision of the deletion.
    /// </summary>
    public Task<long> DeleteAsync(ObjectKey key, long expectedRevision, string? finalJson, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return batcher.SubmitAsync(PendingWrite.Remove(key, expectedRevision, finalJson)).WaitAsync(ct);
    }

    /// <summary>The object at <paramref name="key"/>, or null.</summary>
    public async Task<StoredObject?> GetAsync(ObjectKey key, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT revision, body::text FROM kube_objects WHERE resource = $1 AND namespace = $2 AND name = $3");
        AddKey(cmd, key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredObject(key, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// The objects of <paramref name="resource"/> (in <paramref name="ns"/>, or everywhere when null)
    /// that the selectors select, ordered by namespace and name, with the revision the answer is consistent with.
    /// </summary>
    public async Task<ObjectList> ListAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, CancellationToken ct = default)
    {
        long revision = 0;
        var items = new List<StoredObject>();
        await foreach (var (rev, row) in RowsAsync(resource, ns, labels, fields, ct))
        {
            revision = rev;
            if (row is not null)
            {
                var key = new ObjectKey(resource, row.GetString(0), row.GetString(1));
                items.Add(new StoredObject(key, row.GetInt64(2), row.GetString(3)));
            }
        }

        return new ObjectList(revision, items);
    }

    /// <summary>
    /// The same answer as <see cref="ListAsync"/>, in chunks read from the same snapshot, each one UTF-8 JSON array of
    /// at most <paramref name="chunkSize"/> objects, so a caller can pass on (or parse) one chunk while the next is
    /// read. The bytes PostgreSQL sends are copied, never decoded, so a large list costs the server no text
    /// conversion. Every chunk carries the revision; an empty answer is one empty chunk.
    /// </summary>
    public async IAsyncEnumerable<JsonArrayChunk> ListJsonChunksAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, int chunkSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        long revision = 0;
        var chunker = new JsonArrayChunker(chunkSize);
        await foreach (var (rev, row) in RowsAsync(resource, ns, labels, fields, ct))
        {
            revision = rev;
            if (row is not null && chunker.Add(row.GetFieldValue<byte[]>(3)))
            {
                yield return chunker.Take(revision);
            }
        }

        if (chunker.HasRest)
        {
            yield return chunker.Take(revision);
        }
    }

    /// <summary>
    /// The list query, in one repeatable-read snapshot: first the revision alone (row null), then each selected row
    /// (namespace, name, revision, body as text) with it. A row is valid until the next one is asked for.
    /// </summary>
    private async IAsyncEnumerable<(long Revision, NpgsqlDataReader? Row)> RowsAsync(
        string resource, string? ns, LabelSelector labels, FieldSelector fields, [EnumeratorCancellation] CancellationToken ct)
    {
        var (where, parameters) = SelectorSql.Where(labels, fields);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var memory = new NpgsqlCommand(ListSortMemory, conn, tx))
        {
            await memory.ExecuteNonQueryAsync(ct);
        }

        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT revision FROM kube_revision WHERE id = 1"));
        var query = new NpgsqlBatchCommand(
            "SELECT namespace, name, revision, body::text FROM kube_objects WHERE resource = @resource"
            + (ns is null ? "" : " AND namespace = @namespace")
            + $" AND ({where}) ORDER BY namespace, name");
        query.Parameters.Add(new NpgsqlParameter<string>("resource", resource));
        if (ns is not null)
        {
            query.Parameters.Add(new NpgsqlParameter<string>("namespace", ns));
        }

        query.Parameters.AddRange(parameters.ToArray());
        batch.BatchCommands.Add(query);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var revision = reader.GetInt64(0);
        yield return (revision, null);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (revision, reader);
        }
    }

    /// <summary>
    /// Every object of <paramref name="resource"/> with its labels and fields, in one snapshot, and the revision it is
    /// consistent with: what an <see cref="ObjectCache"/> starts from.
    /// </summary>
    internal async Task<(long Revision, List<CachedObject> Objects)> SnapshotAsync(string resource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT revision FROM kube_revision WHERE id = 1"));
        var query = new NpgsqlBatchCommand(
            "SELECT namespace, name, revision, labels::text, fields::text, body::text FROM kube_objects WHERE resource = $1");
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
        batch.BatchCommands.Add(query);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var revision = reader.GetInt64(0);
        await reader.NextResultAsync(ct);
        var objects = new List<CachedObject>();
        while (await reader.ReadAsync(ct))
        {
            objects.Add(new CachedObject(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                RevisionLog.ReadMap(reader.GetString(3)),
                RevisionLog.ReadMap(reader.GetString(4)),
                reader.GetFieldValue<byte[]>(5)));
        }

        return (revision, objects);
    }

    /// <summary>The keys of every object in namespace <paramref name="ns"/>, of any resource.</summary>
    public async Task<IReadOnlyList<ObjectKey>> KeysInNamespaceAsync(string ns, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT resource, name FROM kube_objects WHERE namespace = $1 ORDER BY resource, name");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ns });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ObjectKey>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new ObjectKey(reader.GetString(0), ns, reader.GetString(1)));
        }

        return keys;
    }

    private static void AddKey(NpgsqlCommand cmd, ObjectKey key)
    {
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Resource });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Namespace });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Name });
    }
}
