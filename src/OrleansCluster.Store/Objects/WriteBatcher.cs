using Npgsql;
using NpgsqlTypes;

namespace OrleansCluster.Store.Objects;

/// <summary>One queued write: a put (create when <see cref="Expected"/> is 0) or a delete, and its caller's result.</summary>
internal sealed class PendingWrite(ObjectKey key, bool delete, Guid uid, long expected, string? labels, string? fields, string? body)
{
    public ObjectKey Key { get; } = key;

    public bool Delete { get; } = delete;

    public Guid Uid { get; } = uid;

    public long Expected { get; } = expected;

    public string? LabelsJson { get; } = labels;

    public string? FieldsJson { get; } = fields;

    public string? BodyJson { get; } = body;

    public TaskCompletionSource<long> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PendingWrite Put(ObjectWrite w) =>
        new(w.Key, false, w.Uid, w.ExpectedRevision, w.LabelsJson, w.FieldsJson, w.BodyJson);

    public static PendingWrite Remove(ObjectKey key, long expected, string? finalJson) =>
        new(key, true, Guid.Empty, expected, null, null, finalJson);
}

/// <summary>
/// Group commit: callers enqueue writes and await their own outcome; a drain task takes everything pending
/// (up to <c>maxBatch</c>) and applies it with one <c>kube_apply_batch</c> call, i.e. one transaction, one
/// revision-lock acquisition and one WAL flush. There is no delay: a write that finds a free slot goes out at
/// once, and under load the next batch forms while the previous one is in flight. Up to <c>maxInFlight</c>
/// batches run at a time (they still queue on the revision lock in PostgreSQL, but overlap the network and
/// parameter work). A batch that fails as a whole fails each of its callers with the original exception:
/// such a write may or may not have committed, so it is never retried here.
/// </summary>
public sealed class WriteBatcher(NpgsqlDataSource dataSource, int maxBatch = 256, int maxInFlight = 2)
{
    private const string Apply =
        "SELECT r_index, r_status, r_revision FROM kube_apply_batch($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private readonly Lock gate = new();
    private readonly Queue<PendingWrite> pending = new();
    private int draining;

    internal Task<long> SubmitAsync(PendingWrite write)
    {
        bool start;
        lock (gate)
        {
            pending.Enqueue(write);
            start = draining < maxInFlight;
            if (start)
            {
                draining++;
            }
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return write.Result.Task;
    }

    /// <summary>Applies batches until the queue is empty; every pass takes at least one write off it.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingWrite> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    draining--;
                    return;
                }

                batch = new List<PendingWrite>(Math.Min(pending.Count, maxBatch));
                while (batch.Count < maxBatch && pending.TryDequeue(out var write))
                {
                    batch.Add(write);
                }
            }

            await ApplyAsync(batch);
        }
    }

    /// <summary>Applies <paramref name="batch"/> as one transaction and completes each write's result; never throws.</summary>
    internal async Task ApplyAsync(IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand(Apply);
            cmd.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. batch.Select(w => w.Delete)] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(w => w.Key.Resource)] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(w => w.Key.Namespace)] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(w => w.Key.Name)] });
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(w => w.Uid)] });
            cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(w => w.Expected)] });
            cmd.Parameters.Add(JsonbArray(batch.Select(w => w.LabelsJson)));
            cmd.Parameters.Add(JsonbArray(batch.Select(w => w.FieldsJson)));
            cmd.Parameters.Add(JsonbArray(batch.Select(w => w.BodyJson)));

            var results = new (char Status, long Revision)?[batch.Count];
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    results[reader.GetInt32(0)] = (reader.GetChar(1), reader.GetInt64(2));
                }
            }

            // Only now, with the reader closed, has the server confirmed the commit: rows arrive before it.
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i] is { } result)
                {
                    Complete(batch[i], result.Status, result.Revision);
                }
                else
                {
                    batch[i].Result.TrySetException(new InvalidOperationException($"{batch[i].Key}: kube_apply_batch returned no result"));
                }
            }
        }
        catch (Exception e)
        {
            // Connection lost, timeout, server error: the outcome of each write is unknown to its caller.
            foreach (var write in batch)
            {
                write.Result.TrySetException(e);
            }
        }
    }

    private static void Complete(PendingWrite write, char status, long revision)
    {
        switch (status)
        {
            case 'k':
                write.Result.TrySetResult(revision);
                break;
            case 'c':
                write.Result.TrySetException(new RevisionConflictException(write.Key, write.Expected == 0 && !write.Delete
                    ? $"object exists at revision {revision}"
                    : $"object is at revision {revision}, not {write.Expected}"));
                break;
            default:
                write.Result.TrySetException(new ObjectNotFoundException(write.Key));
                break;
        }
    }

    private static NpgsqlParameter JsonbArray(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = values.ToArray() };
}
