using OrleansCluster.Store.Migrations;

namespace OrleansCluster.TestSupport;

/// <summary>
/// A PostgreSQL server of one test's own, with one migrated database, that the test may stop and start again (an
/// outage); the shared <see cref="PostgresServer"/> must stay up for everyone else. Always a local throwaway server,
/// reaped with the test process like the shared one.
/// </summary>
public sealed class DedicatedPostgres
{
    private readonly LocalPostgres server;

    private DedicatedPostgres(LocalPostgres server, string connectionString)
    {
        this.server = server;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string to the server's migrated database (client options included).</summary>
    public string ConnectionString { get; }

    public static async Task<DedicatedPostgres> StartAsync()
    {
        var server = await LocalPostgres.StartAsync();
        var connectionString = PostgresServer.ForDatabase(server.AdminConnectionString, "orleanscluster", clientOptions: true);
        await MigrationRunner.EnsureDatabaseAsync(connectionString);
        await MigrationRunner.ApplyAsync(connectionString);
        return new DedicatedPostgres(server, connectionString);
    }

    /// <summary>Stops the server (sessions are ended, new connections refused).</summary>
    public Task StopAsync() => server.StopAsync();

    /// <summary>Starts it again on the same port, with its data.</summary>
    public Task StartAgainAsync() => server.StartAgainAsync();
}
