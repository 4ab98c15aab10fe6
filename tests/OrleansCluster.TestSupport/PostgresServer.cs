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
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(6);

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

        return ForDatabase(admin, name, clientOptions: true);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var admin = await Admin.Value;
        var name = NewName("oc_template");
        var connectionString = ForDatabase(admin, name, clientOptions: false);
        await MigrationRunner.EnsureDatabaseAsync(connectionString);
        // The runner closes its unpooled connection, so nobody is connected when the template is copied.
        await MigrationRunner.ApplyAsync(connectionString);
        return name;
    }

    private static async Task<string> StartOrConnectAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var admin = ForDatabase(external, "postgres", clientOptions: false);
            await DropAbandonedAsync(admin);
            return admin;
        }

        var server = await LocalPostgres.StartAsync();
        return server.AdminConnectionString;
    }

    /// <summary>
    /// An external server outlives test processes, and a test host gets no time to clean up at exit, so databases
    /// left by runs that started more than <see cref="AbandonedAfter"/> ago are dropped here instead.
    /// </summary>
    private static async Task DropAbandonedAsync(string admin)
    {
        var cutoff = DateTimeOffset.UtcNow.Add(-AbandonedAfter).ToUnixTimeSeconds();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        var abandoned = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE datname ~ '^oc_(test|template)_[0-9]+_'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (long.TryParse(name.Split('_')[2], out var created) && created < cutoff)
                {
                    abandoned.Add(name);
                }
            }
        }

        foreach (var name in abandoned)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {MigrationRunner.QuoteIdentifier(name)} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // The creation time in the name lets a later run recognise abandoned databases on a shared server.
    private static string NewName(string prefix) => $"{prefix}_{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}";

    internal static string ForDatabase(string connectionString, string database, bool clientOptions)
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
