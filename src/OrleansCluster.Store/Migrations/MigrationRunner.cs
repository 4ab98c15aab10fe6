using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace OrleansCluster.Store.Migrations;

/// <summary>
/// Applies the embedded db/migrations/*.sql files in file-name order, each in its own transaction, and records them
/// in <c>schema_migrations</c>. Safe to call from several silos starting at once.
/// </summary>
public static partial class MigrationRunner
{
    // Advisory locks are scoped to the current database, so runners on different databases never wait on each other.
    private const long AdvisoryLockKey = 0x4F72_6C43_6C75_7374; // "OrlClust"

    private const string CreateBookkeepingTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    text        PRIMARY KEY,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Applies the migrations embedded in the Store assembly; returns the versions applied by this call.</summary>
    public static Task<IReadOnlyList<string>> ApplyAsync(
        string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        ApplyAsync(connectionString, Migration.LoadEmbedded(), logger, ct);

    /// <summary>Applies <paramref name="migrations"/> in order; returns the versions applied by this call.</summary>
    /// <exception cref="MigrationChecksumMismatchException">An applied migration's file has changed since.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        string connectionString, IReadOnlyList<Migration> migrations, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;

        // A session-level advisory lock must not outlive this call on a pooled connection (No Reset On Close skips
        // DISCARD ALL), so the runner uses an unpooled connection whose close ends the session and frees the lock.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);

        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, null, CreateBookkeepingTable, ct);
            var applied = await ReadAppliedAsync(connection, ct);

            // Validate everything before changing anything, so an edited file never leaves a half-migrated database.
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum) && checksum != migration.Checksum)
                {
                    throw new MigrationChecksumMismatchException(migration.Version, checksum, migration.Checksum);
                }
            }

            var appliedNow = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyOneAsync(connection, migration, ct);
                LogApplied(logger, migration.Version, connection.Database);
                appliedNow.Add(migration.Version);
            }

            LogDone(logger, connection.Database, appliedNow.Count, migrations.Count - appliedNow.Count);
            return appliedNow;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Creates the database named in <paramref name="connectionString"/> if it does not exist, connecting to the
    /// <c>postgres</c> maintenance database to do so. Returns true when this call created it.
    /// </summary>
    public static async Task<bool> EnsureDatabaseAsync(
        string connectionString, ILogger? logger = null, CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database
            ?? throw new ArgumentException("The connection string names no Database.", nameof(connectionString));
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return false;
            }
        }

        try
        {
            await ExecuteAsync(connection, null, $"CREATE DATABASE {QuoteIdentifier(name)}", ct);
        }
        // Another silo won the race: 42P04 duplicate_database, or 23505 on pg_database's unique index.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        LogCreatedDatabase(logger ?? NullLogger.Instance, name);
        return true;
    }

    /// <summary>Double-quotes an identifier for DDL, which cannot take bind parameters.</summary>
    public static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await ExecuteAsync(connection, tx, migration.Sql, ct);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, checksum, applied_at) VALUES ($1, $2, now())", connection, tx);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException(
                $"Migration '{migration.Version}' failed and was rolled back: {e.SqlState} {e.MessageText}" +
                (e.Position > 0 ? $" (at character {e.Position})" : ""), e);
        }
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
