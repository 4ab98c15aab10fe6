using System.Data;
using Npgsql;
using NpgsqlTypes;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Queries;

namespace OrleansCluster.Store.Objects;

/// <summary>
/// API objects in PostgreSQL. Writes go through <c>kube_put</c>/<c>kube_delete</c>, which allocate the
/// cluster-wide revision, check the expected one and append to the revision log atomically.
/// Lists are one query, consistent with the revision they return.
/// </summary>
public sealed class ObjectStore(NpgsqlDataSource dataSource)
{
    private const string ConflictState = "OC409";
    private const string NotFoundState = "OC404";

    /// <summary>Creates (expected revision 0) or updates an object; returns its new revision.</summary>
    public async Task<long> PutAsync(ObjectWrite write, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT kube_put($1, $2, $3, $4, $5, $6, $7, $8)");
        AddKey(cmd, write.Key);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.Uid });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedRevision });
        cmd.Parameters.Add(Jsonb(write.LabelsJson));
        cmd.Parameters.Add(Jsonb(write.FieldsJson));
        cmd.Parameters.Add(Jsonb(write.BodyJson));
        return await ExecuteRevisionAsync(cmd, write.Key, ct);
    }

    /// <summary>Removes an object that is at <paramref name="expectedRevision"/>, logging <paramref name="finalJson"/> as its last state.</summary>
    public async Task<long> DeleteAsync(ObjectKey key, long expectedRevision, string? finalJson, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT kube_delete($1, $2, $3, $4, $5)");
        AddKey(cmd, key);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedRevision });
        cmd.Parameters.Add(finalJson is null
            ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = DBNull.Value }
            : Jsonb(finalJson));
        return await ExecuteRevisionAsync(cmd, key, ct);
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

    private static async Task<long> ExecuteRevisionAsync(NpgsqlCommand cmd, ObjectKey key, CancellationToken ct)
    {
        try
        {
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == ConflictState)
        {
            throw new RevisionConflictException(key, e.MessageText);
        }
        catch (PostgresException e) when (e.SqlState == NotFoundState)
        {
            throw new ObjectNotFoundException(key);
        }
    }

    private static void AddKey(NpgsqlCommand cmd, ObjectKey key)
    {
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Resource });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Namespace });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Name });
    }

    private static NpgsqlParameter Jsonb(string json) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };
}
