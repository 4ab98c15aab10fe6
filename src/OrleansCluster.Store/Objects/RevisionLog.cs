using System.Data;
using System.Text.Json;
using Npgsql;

namespace OrleansCluster.Store.Objects;

/// <summary>A page of the revision log, with the head revision and compaction mark of the snapshot it was read from.</summary>
public sealed record LogPage(IReadOnlyList<LogEntry> Entries, long Head, long Compacted, bool Full);

/// <summary>
/// The revision log (<c>kube_log</c>): every change in revision order, pruned by compaction.
/// A read below the compaction mark throws <see cref="RevisionExpiredException"/>.
/// </summary>
public sealed class RevisionLog(NpgsqlDataSource dataSource)
{
    private static readonly Dictionary<string, string> Empty = [];

    /// <summary>The newest revision and the compaction mark.</summary>
    public async Task<(long Head, long Compacted)> MarksAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT revision, compacted FROM kube_revision WHERE id = 1");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Up to <paramref name="max"/> entries after revision <paramref name="after"/> (of one resource when given),
    /// read in one snapshot with the marks, so pruned history is always noticed.
    /// </summary>
    public async Task<LogPage> ReadAfterAsync(long after, int max, string? resource = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT revision, compacted FROM kube_revision WHERE id = 1"));
        var query = new NpgsqlBatchCommand(
            "SELECT revision, resource, namespace, name, event, labels::text, fields::text, prev_labels::text, prev_fields::text, body::text"
            + " FROM kube_log WHERE revision > $1" + (resource is null ? "" : " AND resource = $3")
            + " ORDER BY revision LIMIT $2");
        query.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        if (resource is not null)
        {
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
        }

        batch.BatchCommands.Add(query);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (head, compacted) = (reader.GetInt64(0), reader.GetInt64(1));
        if (after < compacted)
        {
            throw new RevisionExpiredException(after, compacted);
        }

        await reader.NextResultAsync(ct);
        var entries = new List<LogEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(ReadEntry(reader));
        }

        var full = entries.Count == max;
        return new LogPage(entries, full ? entries[^1].Revision : head, compacted, full);
    }

    /// <summary>
    /// Prunes the log so that it keeps at most <paramref name="keep"/> revisions: raises the compaction mark,
    /// then deletes up to it in a separate transaction so writers never wait behind the delete. Returns the mark.
    /// </summary>
    public async Task<long> CompactAsync(long keep, CancellationToken ct = default)
    {
        await using var mark = dataSource.CreateCommand(
            "SELECT kube_compact((SELECT revision FROM kube_revision WHERE id = 1) - $1)");
        mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = keep });
        var upto = (long)(await mark.ExecuteScalarAsync(ct))!;
        await using var delete = dataSource.CreateCommand("DELETE FROM kube_log WHERE revision <= $1");
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upto });
        await delete.ExecuteNonQueryAsync(ct);
        return upto;
    }

    private static LogEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new ObjectKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        reader.GetChar(4) switch
        {
            'A' => ChangeType.Added,
            'M' => ChangeType.Modified,
            _ => ChangeType.Deleted,
        },
        ReadMap(reader.GetString(5)),
        ReadMap(reader.GetString(6)),
        reader.IsDBNull(7) ? null : ReadMap(reader.GetString(7)),
        reader.IsDBNull(8) ? null : ReadMap(reader.GetString(8)),
        reader.GetString(9));

    /// <summary>A stored labels or fields column (a JSON object of strings) as a dictionary.</summary>
    internal static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? Empty;
}
