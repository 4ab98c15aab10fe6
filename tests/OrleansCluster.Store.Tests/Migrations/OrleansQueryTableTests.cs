using Npgsql;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.Tests.Migrations;

public sealed class OrleansQueryTableTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    // The keys Orleans' ADO.NET providers 10.4.2 look up; a missing required key fails silo start-up.
    private static readonly string[] ClusteringKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    private static readonly string[] PersistenceKeys = ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task The_query_table_holds_exactly_the_keys_the_providers_read()
    {
        var expected = ClusteringKeys.Concat(PersistenceKeys).Concat(ReminderKeys).Order(StringComparer.Ordinal);

        var keys = await ReadKeysAsync();

        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task Every_query_is_valid_sql_for_the_server()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (key, text) in await ReadQueriesAsync(connection))
        {
            // Preparing parses and plans the statement without running it; parameter types come from the server's
            // inference, so this catches syntax and name errors, not the provider's typing.
            var sql = System.Text.RegularExpressions.Regex.Replace(text, "@([A-Za-z0-9]+)", "NULL");
            await using var command = new NpgsqlCommand($"EXPLAIN {sql}", connection);
            var error = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync());
            Assert.True(error is null, $"{key}: {error?.Message}");
        }
    }

    private async Task<List<string>> ReadKeysAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return (await ReadQueriesAsync(connection)).Select(q => q.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadQueriesAsync(NpgsqlConnection connection)
    {
        // The same statement the providers run at start-up.
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new List<KeyValuePair<string, string>>();
        while (await reader.ReadAsync())
        {
            queries.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return queries;
    }
}
