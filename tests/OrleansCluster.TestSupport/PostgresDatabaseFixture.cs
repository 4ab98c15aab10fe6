using Xunit;

namespace OrleansCluster.TestSupport;

/// <summary>
/// A fresh, fully migrated database for one test class: <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>Connection string to this fixture's database (client options included).</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The fixture has not been initialized by xunit yet.");

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    // The database goes with the server at process exit; dropping it here would only slow the run.
    public Task DisposeAsync() => Task.CompletedTask;
}
