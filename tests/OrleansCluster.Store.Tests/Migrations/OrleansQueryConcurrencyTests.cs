using System.Data;
using Npgsql;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.Tests.Migrations;

/// <summary>
/// The optimistic-concurrency rules of our Orleans queries, run the way the providers run them: the stored text with
/// named parameters. (The silo-level proof is in OrleansCluster.Store.OrleansContract.Tests.)
/// </summary>
public sealed class OrleansQueryConcurrencyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Grain_state_writes_succeed_only_with_the_current_version()
    {
        var key = Guid.NewGuid().ToString("N");

        Assert.Equal(1, await StorageAsync("WriteToStorageKey", key, null));
        Assert.Null(await StorageAsync("WriteToStorageKey", key, null));
        Assert.Equal(2, await StorageAsync("WriteToStorageKey", key, 1));
        Assert.Null(await StorageAsync("WriteToStorageKey", key, 1));
        Assert.Equal(3, await StorageAsync("ClearStorageKey", key, 2));
        Assert.Null(await StorageAsync("ClearStorageKey", key, 2));
        Assert.Equal(4, await StorageAsync("DeleteStorageKey", key, 3));
        Assert.Null(await StorageAsync("ReadFromStorageKey", key, null));
        Assert.Equal(1, await StorageAsync("WriteToStorageKey", key, null));
    }

    [Fact]
    public async Task Membership_changes_need_the_current_table_version_and_exactly_one_concurrent_writer_wins()
    {
        var cluster = Guid.NewGuid().ToString("N");
        Assert.True(await FlagAsync("InsertMembershipVersionKey", ("DeploymentId", cluster)));
        Assert.False(await FlagAsync("InsertMembershipVersionKey", ("DeploymentId", cluster)));

        var inserts = await Task.WhenAll(Enumerable.Range(1, 4).Select(port => InsertSiloAsync(cluster, port, version: 0)));
        Assert.Single(inserts, won => won);
        Assert.True(await InsertSiloAsync(cluster, 10, version: 1));
        Assert.False(await InsertSiloAsync(cluster, 11, version: 1));

        Assert.False(await UpdateSiloAsync(cluster, 10, version: 1));
        Assert.True(await UpdateSiloAsync(cluster, 10, version: 2));
        Assert.Equal(3, await RunAsync("MembershipReadAllKey", ("DeploymentId", cluster)));

        // Heartbeats must not move the version, or they would invalidate every pending membership change.
        await RunAsync("UpdateIAmAlivetimeKey", ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 10),
            ("Generation", 1), ("IAmAliveTime", DateTime.UtcNow));
        Assert.Equal(3, await RunAsync("MembershipReadAllKey", ("DeploymentId", cluster)));
    }

    [Fact]
    public async Task Reminder_upserts_return_a_new_etag_and_deletes_need_the_current_one()
    {
        (string, object?)[] key = [("ServiceId", "svc"), ("GrainId", $"g/{Guid.NewGuid():N}"), ("ReminderName", "r")];
        (string, object?)[] row = [.. key, ("GrainHash", -5), ("StartTime", DateTime.UtcNow), ("Period", 60_000)];

        Assert.Equal(1, await RunAsync("UpsertReminderRowKey", row));
        Assert.Equal(2, await RunAsync("UpsertReminderRowKey", row));
        Assert.False(await FlagAsync("DeleteReminderRowKey", [.. key, ("Version", 1)]));
        Assert.True(await FlagAsync("DeleteReminderRowKey", [.. key, ("Version", 2)]));
    }

    private Task<object?> StorageAsync(string queryKey, string grain, int? version) => RunAsync(queryKey,
        ("ServiceId", "svc"), ("GrainTypeString", "state"), ("GrainIdN0", 0L), ("GrainIdN1", 0L),
        ("GrainIdExtensionString", grain), ("GrainIdHash", 1), ("GrainTypeHash", 2),
        ("GrainStateVersion", version), ("PayloadBinary", "{}"u8.ToArray()));

    private Task<bool> InsertSiloAsync(string cluster, int port, int version) => FlagAsync("InsertMembershipKey",
        ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1), ("SiloName", "s"),
        ("HostName", "h"), ("Status", 3), ("ProxyPort", 0), ("StartTime", DateTime.UtcNow), ("IAmAliveTime", DateTime.UtcNow),
        ("Version", version));

    private Task<bool> UpdateSiloAsync(string cluster, int port, int version) => FlagAsync("UpdateMembershipKey",
        ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1), ("Status", 6),
        ("SuspectTimes", null), ("IAmAliveTime", DateTime.UtcNow), ("Version", version));

    private async Task<bool> FlagAsync(string queryKey, params (string Name, object? Value)[] parameters) =>
        (bool)(await RunAsync(queryKey, parameters))!;

    /// <summary>Runs a stored query with typed named parameters and returns the first column of its first row.</summary>
    private async Task<object?> RunAsync(string queryKey, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var lookup = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", connection);
        lookup.Parameters.Add(new NpgsqlParameter { Value = queryKey });
        var text = (string)(await lookup.ExecuteScalarAsync())!;

        await using var command = new NpgsqlCommand(text, connection);
        foreach (var (name, value) in parameters)
        {
            // Untyped nulls would leave PostgreSQL guessing; the providers always send a DbType.
            var parameter = new NpgsqlParameter(name, value ?? DBNull.Value);
            if (value is null)
            {
                parameter.DbType = name == "GrainStateVersion" ? DbType.Int32 : DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }
}
