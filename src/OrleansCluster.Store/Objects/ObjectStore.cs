using System.Data;
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
        var (where, parameters) = SelectorSql.Where(labels, fields);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
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
        await reader.NextResultAsync(ct);
        var items = new List<StoredObject>();
        while (await reader.ReadAsync(ct))
        {
            var key = new ObjectKey(resource, reader.GetString(0), reader.GetString(1));
            items.Add(new StoredObject(key, reader.GetInt64(2), reader.GetString(3)));
        }

        return new ObjectList(revision, items);
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
