using System.Diagnostics;
using Npgsql;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// The quick start's PostgreSQL (<c>deploy/postgres.sh</c>, which <c>cluster-up.sh</c> runs) on 127.0.0.1: the
/// postgres user gets in with the password of the connection string the script prints, and not without it, also
/// when the server was first set up by an older script that trusted loopback.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QuickStartPostgresTests : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(RepositoryRoot(), "deploy", "postgres.sh");
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"oc-pg-{Guid.NewGuid():N}");
    private readonly int port = FreePorts.Next();

    private string Data => Path.Combine(folder, "postgres");

    private string PasswordFile => Path.Combine(folder, "secrets", "postgres.password");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await RunAsync("stop", "--data", Data);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_postgres_user_needs_the_generated_password_over_loopback()
    {
        var connection = await StartAsync();

        Assert.Contains($"Password={await File.ReadAllTextAsync(PasswordFile)}", connection, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        Assert.Equal(1, await SelectOneAsync(connection));
        await AssertRefusedAsync(connection);
    }

    [Fact]
    public async Task A_data_folder_that_trusted_loopback_asks_for_a_password_after_the_next_start()
    {
        var first = await StartAsync();
        await RunAsync("stop", "--data", Data);
        // What earlier versions of the script left: loopback trusted, and no password file.
        await File.WriteAllTextAsync(Path.Combine(Data, "pg_hba.conf"),
            "local all postgres trust\nhost all postgres 127.0.0.1/32 trust\n");
        File.Delete(PasswordFile);

        var upgraded = await RunAsync("start", "--data", Data, "--password-file", PasswordFile);

        Assert.NotEqual(first, upgraded);
        Assert.Contains($"Password={await File.ReadAllTextAsync(PasswordFile)}", upgraded, StringComparison.Ordinal);
        Assert.Equal(1, await SelectOneAsync(upgraded));
        await AssertRefusedAsync(upgraded);
    }

    private async Task<string> StartAsync() =>
        await RunAsync("start", "--data", Data, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--password-file", PasswordFile);

    /// <summary>No password, and a wrong one: both refused by the server itself.</summary>
    private static async Task AssertRefusedAsync(string connection)
    {
        var none = await Assert.ThrowsAnyAsync<NpgsqlException>(
            () => SelectOneAsync(new NpgsqlConnectionStringBuilder(connection) { Password = null }.ConnectionString));
        Assert.Contains("password", none.Message, StringComparison.OrdinalIgnoreCase);
        var wrong = await Assert.ThrowsAsync<PostgresException>(
            () => SelectOneAsync(new NpgsqlConnectionStringBuilder(connection) { Password = "wrong" }.ConnectionString));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);
    }

    private static async Task<int> SelectOneAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs the script; its last line of output (the connection string after a start).</summary>
    private static async Task<string> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"postgres.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        return (await output).Trim().Split('\n')[^1];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "postgres.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"deploy/postgres.sh was not found above {AppContext.BaseDirectory}.");
    }
}
