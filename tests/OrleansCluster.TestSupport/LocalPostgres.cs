using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansCluster.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder, owned by this test process: initdb, start on a free loopback port,
/// and once this process has exited (however it ended) a detached reaper stops it and deletes the folder.
/// Durability is switched off because the data is disposable.
/// </summary>
internal sealed class LocalPostgres
{
    private const string FolderPrefix = "orleanscluster-test-pg-";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries binaries;

    private LocalPostgres(PostgresBinaries binaries, string dataDir, int port)
    {
        this.binaries = binaries;
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<LocalPostgres> StartAsync()
    {
        var binaries = PostgresBinaries.Find();
        await SweepAbandonedAsync(binaries);

        var dataDir = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(dataDir);
        await binaries.GiveToServerUserAsync(dataDir);
        await binaries.RunAsync("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);

        // Another process can grab the port between probing and binding, so a failed start retries on a new one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            try
            {
                await StartServerAsync(binaries, dataDir, port);
                binaries.StartReaper(dataDir);
                return new LocalPostgres(binaries, dataDir, port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Stops the server as an operator restarting it would (<c>pg_ctl stop -m fast</c>: sessions are ended).</summary>
    public Task StopAsync() => binaries.RunAsync("pg_ctl", ["stop", "-D", DataDir, "-m", "fast", "-w"]);

    /// <summary>Starts the stopped server again on its port, with its data.</summary>
    public Task StartAgainAsync() => StartServerAsync(binaries, DataDir, Port);

    private static Task StartServerAsync(PostgresBinaries binaries, string dataDir, int port) =>
        binaries.RunAsync("pg_ctl", ["start", "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"),
            "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", ServerOptions(dataDir, port)]);

    private static string ServerOptions(string dataDir, int port) => string.Join(' ',
        "-c listen_addresses=127.0.0.1",
        $"-c port={port}",
        $"-c unix_socket_directories={dataDir}",
        "-c max_connections=300",
        "-c shared_buffers=128MB",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off");

    /// <summary>Removes folders left by test processes that were killed before their exit handler ran.</summary>
    private static async Task SweepAbandonedAsync(PostgresBinaries binaries)
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var rest = Path.GetFileName(dir)[FolderPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest[..dash], out var pid) || IsAlive(pid))
            {
                continue;
            }

            if (File.Exists(Path.Combine(dir, "postmaster.pid")))
            {
                try
                {
                    await binaries.RunAsync("pg_ctl", ["stop", "-D", dir, "-m", "immediate", "-w"]);
                }
                catch (InvalidOperationException)
                {
                    // A stale pid file of a server that is no longer running.
                }
            }

            TryDelete(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
