namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// Silo processes sharing one PostgreSQL database and one PKI folder (the cluster CA their Orleans TLS and the
/// clients' credential come from), and clients connected to them. Everything started here is killed on dispose,
/// also when the test failed. Logs go to <c>silo-logs/&lt;test&gt;/</c> beside the test assembly.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;

    private readonly List<SiloProcess> silos = [];
    private readonly List<ClientHost> clients = [];
    private readonly string logDirectory;
    private int started;

    public SiloCluster(string connectionString, string testName)
    {
        ConnectionString = connectionString;
        logDirectory = Path.Combine(AppContext.BaseDirectory, "silo-logs", testName);
        if (Directory.Exists(logDirectory))
        {
            Directory.Delete(logDirectory, recursive: true);
        }

        Directory.CreateDirectory(logDirectory);
    }

    public string ConnectionString { get; }

    /// <summary>Where the silos' logs go (and anything else of this test's, such as a PKI folder).</summary>
    public string LogDirectory => logDirectory;

    /// <summary>The cluster's PKI folder, deleted on dispose.</summary>
    public string PkiDirectory { get; } = Path.Combine(Path.GetTempPath(), $"oc-cluster-{Guid.NewGuid():N}");

    /// <summary>Every silo process started, in start order (killed ones included).</summary>
    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (silos)
            {
                return [.. silos];
            }
        }
    }

    /// <summary>Starts the named silos at once and waits until each is ready.</summary>
    public async Task<SiloProcess[]> StartSilosAsync(params string[] names) =>
        await Task.WhenAll(names.Select(name => StartSiloAsync(name)));

    /// <summary>
    /// Starts a silo and waits until it is ready. A free port can be taken by someone else before the silo binds
    /// it, so a silo that exits because its address is in use is started again on new ports.
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync(string name, params string[] roleArguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(name, ports: null, roleArguments.Length == 0 ? null : roleArguments);
            }
            catch (SiloExitedException e) when (attempt < StartAttempts && e.Message.Contains("ddress already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>
    /// Starts a new process for a silo that is gone, with its name and ports, as a supervisor restarting it would.
    /// Orleans declares the old entry at the same address dead at once, so nobody waits for it to time out.
    /// </summary>
    public Task<SiloProcess> RestartSiloAsync(SiloProcess old)
    {
        if (!old.HasExited)
        {
            throw new InvalidOperationException($"{old.Name} is still running.");
        }

        return StartAsync(old.Name, old.Ports, old.RoleArguments);
    }

    private async Task<SiloProcess> StartAsync(string name, (int, int, int)? ports, IReadOnlyList<string>? roleArguments)
    {
        var logPath = Path.Combine(logDirectory, $"{Interlocked.Increment(ref started):D2}-{name}.log");
        var silo = SiloProcess.Start(name, ConnectionString, PkiDirectory, logPath, ports, roleArguments);
        lock (silos)
        {
            silos.Add(silo);
        }

        await silo.WaitReadyAsync(ReadyTimeout);
        return silo;
    }

    /// <summary>Start-to-ready time of each silo started so far, for the test's report.</summary>
    public string ReadyTimes() => string.Join(", ", Silos.Select(s => $"{s.Name} {s.ReadyAfter.TotalSeconds:F1} s"));

    public async Task<ClientHost> ConnectClientAsync()
    {
        var client = await ClientHost.ConnectAsync(ConnectionString, PkiDirectory, ReadyTimeout);
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        if (Directory.Exists(PkiDirectory))
        {
            Directory.Delete(PkiDirectory, recursive: true);
        }
    }
}
