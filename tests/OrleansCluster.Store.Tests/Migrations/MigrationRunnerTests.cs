using Npgsql;
using OrleansCluster.Store.Migrations;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task Applying_twice_applies_nothing_the_second_time()
    {
        var db = await PostgresServer.CreateEmptyDatabaseAsync();
        var all = Migration.LoadEmbedded().Select(m => m.Version).ToList();

        var first = await MigrationRunner.ApplyAsync(db);
        var second = await MigrationRunner.ApplyAsync(db);

        Assert.Equal(all, first);
        Assert.Empty(second);
        Assert.Equal(all, await AppliedVersionsAsync(db));
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_file_exactly_once()
    {
        var db = await PostgresServer.CreateEmptyDatabaseAsync();
        var all = Migration.LoadEmbedded().Select(m => m.Version).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrationRunner.ApplyAsync(db))));

        Assert.Equal(all, results.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(all, await AppliedVersionsAsync(db));
    }

    [Fact]
    public async Task A_changed_checksum_of_an_applied_file_fails_and_changes_nothing()
    {
        var db = await PostgresServer.CreateDatabaseAsync();
        var victim = Migration.LoadEmbedded()[0].Version;
        await Sql.ExecuteAsync(db, $"UPDATE schema_migrations SET checksum = 'edited' WHERE version = '{victim}'");
        var extra = Migration.FromText("9999_never_applied", "CREATE TABLE never_applied (id int);");

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(
            () => MigrationRunner.ApplyAsync(db, [.. Migration.LoadEmbedded(), extra]));

        Assert.Equal(victim, error.Version);
        Assert.Contains(victim, error.Message, StringComparison.Ordinal);
        Assert.Contains("must not be edited", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(extra.Version, await AppliedVersionsAsync(db));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_reported()
    {
        var db = await PostgresServer.CreateDatabaseAsync();
        var broken = Migration.FromText("9998_broken", "CREATE TABLE half_done (id int); SELECT no_such_function();");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => MigrationRunner.ApplyAsync(db, [.. Migration.LoadEmbedded(), broken]));

        Assert.Contains("9998_broken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(broken.Version, await AppliedVersionsAsync(db));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
    }

    [Fact]
    public async Task EnsureDatabase_creates_a_missing_database_once()
    {
        var admin = await PostgresServer.GetAdminConnectionStringAsync();
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = $"oc_ensure_{Guid.NewGuid():N}" }.ConnectionString;

        Assert.True(await MigrationRunner.EnsureDatabaseAsync(target));
        Assert.False(await MigrationRunner.EnsureDatabaseAsync(target));
        Assert.NotEmpty(await MigrationRunner.ApplyAsync(target));
    }

    private static async Task<List<string>> AppliedVersionsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<string>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }
}
