using System.Collections.Concurrent;
using Npgsql;
using OrleansCluster.Store.Migrations;

namespace OrleansCluster.TestSupport;

/// <summary>
/// One PostgreSQL server per test process, started lazily on first use, and fresh databases on it.
/// Set <see cref="ExternalServerVariable"/> to a connection string to use an existing server instead.
/// </summary>
public static class PostgresServer
{
    /// <summary>Environment variable holding a connection string to an existing server to use instead of a local one.</summary>
    public const string ExternalServerVariable = "ORLEANSCLUSTER_TEST_PG";

    private static readonly Lazy<Task<string>> Admin = new(StartOrConnectAsync);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);
    private static readonly ConcurrentBag<string> Created = [];

    /// <summary>A connection string to the server's <c>postgres</c> maintenance database.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => Admin.Value;

    /// <summary>
    /// Creates a uniquely named database with every embedded migration applied; returns its connection string.
    /// The migrations run once per process into a template that each new database is copied from.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var template = await Template.Value;
        return await CreateAsync($"TEMPLATE {MigrationRunner.QuoteIdentifier(template)}", ct);
    }

    /// <summary>Creates a uniquely named empty database (no migrations applied); returns its connection string.</summary>
    public static Task<string> CreateEmptyDatabaseAsync(CancellationToken ct = default) => CreateAsync("", ct);

    private static async Task<string> CreateAsync(string templateClause, CancellationToken ct)
    {
        var admin = await Admin.Value;
        var name = NewName("oc_test");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {MigrationRunner.QuoteIdentifier(name)} {templateClause}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        Created.Add(name);
        return ForDatabase(admin, name, clientOptions: true);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var admin = await Admin.Value;
        var name = NewName("oc_template");
        var connectionString = ForDatabase(admin, name, clientOptions: false);
        await MigrationRunner.EnsureDatabaseAsync(connectionString);
        Created.Add(name);
        // The runner closes its unpooled connection, so nobody is connected when the template is copied.
        await MigrationRunner.ApplyAsync(connectionString);
        return name;
    }

    private static async Task<string> StartOrConnectAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropCreated(ForDatabase(external, "postgres", clientOptions: false));
            return ForDatabase(external, "postgres", clientOptions: false);
        }

        var server = await LocalPostgres.StartAsync();
        return server.AdminConnectionString;
    }

    /// <summary>The shared server outlives this process only when it is external, so only then are databases dropped.</summary>
    private static void DropCreated(string admin)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            foreach (var name in Created)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {MigrationRunner.QuoteIdentifier(name)} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
            // Best effort at exit: the names are unique, so a leftover database harms nothing but space.
        }
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static string ForDatabase(string connectionString, string database, bool clientOptions)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = database };
        if (clientOptions)
        {
            // Measured to about halve PostgreSQL's CPU per write; tests should see what production sees.
            builder.NoResetOnClose = true;
            builder.MaxAutoPrepare = 20;
        }

        return builder.ConnectionString;
    }
}
