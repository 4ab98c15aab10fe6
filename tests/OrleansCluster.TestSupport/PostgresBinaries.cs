using System.Diagnostics;

namespace OrleansCluster.TestSupport;

/// <summary>
/// Locates initdb/pg_ctl and runs them. PostgreSQL refuses to run as root, so as root they run as the
/// <c>postgres</c> user through runuser, and the data folder is handed to that user.
/// </summary>
internal sealed class PostgresBinaries
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _binDir;
    private readonly bool _asServerUser;

    private PostgresBinaries(string binDir, bool asServerUser)
    {
        _binDir = binDir;
        _asServerUser = asServerUser;
    }

    public static PostgresBinaries Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        var binDir = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
                "Install them (apt-get install -y postgresql) or set ORLEANSCLUSTER_TEST_PG to a connection string of a running server.");
        return new PostgresBinaries(binDir, Environment.UserName == "root");
    }

    public Task GiveToServerUserAsync(string dir) =>
        _asServerUser ? RunRawAsync("chown", ["-R", "postgres:postgres", dir]) : Task.CompletedTask;

    public Task RunAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_binDir, tool);
        return _asServerUser ? RunRawAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunRawAsync(path, args);
    }

    /// <summary>
    /// Once this process has exited, however it ended, stops the server and deletes its folder.
    /// </summary>
    public void StartReaper(string dataDir)
    {
        var stop = Quote(Path.Combine(_binDir, "pg_ctl")) + " stop -D " + Quote(dataDir) + " -m immediate -w";
        if (_asServerUser)
        {
            stop = "runuser -u postgres -- " + stop;
        }

        using var reaper = ExitReaper.Start($"{stop}; rm -rf {Quote(dataDir)}");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task RunRawAsync(string fileName, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user may not be able to enter the test's working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
