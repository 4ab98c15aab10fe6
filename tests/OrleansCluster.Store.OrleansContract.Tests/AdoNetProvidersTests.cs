using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.OrleansContract.Tests;

/// <summary>
/// Proves our own SQL satisfies Orleans' ADO.NET providers: a real silo joins through the membership queries,
/// persists and re-reads grain state, and stores a reminder, all against a freshly migrated database.
/// </summary>
public sealed class AdoNetProvidersTests
{
    // Orleans' storage reads a string key that parses as hex ("a", "0a", "beef") as an integer key, so such keys
    // collide ("a" and "0a" share a row); a key holding a '/' stays a string key and is stored verbatim.
    private const string Key = "default/contract";

    [Fact]
    public async Task A_silo_clusters_persists_grain_state_and_stores_reminders_with_our_sql()
    {
        var db = await PostgresServer.CreateDatabaseAsync();
        var clusterId = $"contract-{Guid.NewGuid():N}";

        var first = await ContractSilo.StartAsync(db, clusterId);
        try
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(Key);
            await grain.SetAsync("one");
            await grain.SetAsync("two");
            await grain.RegisterReminderAsync("resync");
            Assert.True(await grain.HasReminderAsync("resync"));
            Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_membership WHERE status = 3"));
        }
        finally
        {
            await first.StopAsync();
            first.Dispose();
        }

        var payload = await ScalarAsync<byte[]>(db, $"SELECT payload FROM orleans_grain_state WHERE grain_id_ext = '{Key}'");
        var json = System.Text.Encoding.UTF8.GetString(payload);
        Assert.Contains("\"two\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync<int>(db, $"SELECT version FROM orleans_grain_state WHERE grain_id_ext = '{Key}'"));

        // A second silo generation reads the state back from the table, not from memory.
        var second = await ContractSilo.StartAsync(db, clusterId);
        try
        {
            var grain = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(Key);
            Assert.Equal("two", await grain.GetAsync());
            Assert.True(await grain.HasReminderAsync("resync"));

            await grain.UnregisterReminderAsync("resync");
            Assert.False(await grain.HasReminderAsync("resync"));
            await grain.ClearAsync();
            Assert.Null(await grain.GetAsync());
            await grain.SetAsync("three");
        }
        finally
        {
            await second.StopAsync();
            second.Dispose();
        }

        Assert.Equal(4, await ScalarAsync<int>(db, $"SELECT version FROM orleans_grain_state WHERE grain_id_ext = '{Key}'"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_reminders"));
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_membership WHERE status = 6"));
    }

    private static async Task<T> ScalarAsync<T>(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
