using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// One silo as a real OS process (the host executable) on free loopback ports, its stdout and stderr in a log file.
/// <see cref="Kill"/> is SIGKILL: no shutdown code runs. Disposing kills it if still running; a detached reaper
/// kills it too if this test process dies first, so no silo outlives the run.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process process;
    private readonly Process reaper;
    private readonly StreamWriter log;
    private bool logClosed;

    private SiloProcess(
        string name, string logPath, Process process, Process reaper, StreamWriter log, (int Silo, int Gateway, int Http) ports,
        IReadOnlyList<string> roleArguments)
    {
        Name = name;
        RoleArguments = roleArguments;
        LogPath = logPath;
        this.process = process;
        this.reaper = reaper;
        this.log = log;
        (SiloPort, GatewayPort, HttpPort) = ports;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    /// <summary>The roles and role settings it was started with (a restart keeps them).</summary>
    public IReadOnlyList<string> RoleArguments { get; }

    public (int Silo, int Gateway, int Http) Ports => (SiloPort, GatewayPort, HttpPort);

    public bool HasExited => process.HasExited;

    /// <summary>How long the process took from start to ready.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>
    /// Starts a silo on <paramref name="ports"/> (a restart keeps its predecessor's), or on free ones, with the
    /// cluster's PKI folder. Without <paramref name="roleArguments"/> it holds the API objects only: the gateway role
    /// would need its own API port per silo, and the scheduler would touch the tests' pods.
    /// </summary>
    public static SiloProcess Start(
        string name, string connectionString, string pkiDirectory, string logPath, (int Silo, int Gateway, int Http)? ports = null,
        IReadOnlyList<string>? roleArguments = null)
    {
        roleArguments ??= ["--OrleansCluster:Roles:0=control-plane", "--OrleansCluster:Scheduler:Enabled=false"];
        var (siloPort, gatewayPort, httpPort) = ports ?? (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var info = new ProcessStartInfo(HostBinary.Dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The host reads appsettings.json from its content root, the working directory.
            WorkingDirectory = Path.GetDirectoryName(HostBinary.DllPath)!,
        };
        // Several silos share two cores here: workstation GC keeps each to one heap and no GC thread per core.
        info.Environment["DOTNET_gcServer"] = "0";
        // Membership decisions in the log, to line a failure up with the test's own timeline.
        info.Environment["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";
        string[] arguments =
        [
            HostBinary.DllPath,
            $"--OrleansCluster:ConnectionString={connectionString}",
            $"--OrleansCluster:SiloName={name}",
            Invariant($"--OrleansCluster:SiloPort={siloPort}"),
            Invariant($"--OrleansCluster:GatewayPort={gatewayPort}"),
            Invariant($"--OrleansCluster:HttpPort={httpPort}"),
            $"--OrleansCluster:Gateway:PkiDirectory={pkiDirectory}",
            .. roleArguments,
        ];
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var silo = (SiloProcess?)null;
        process.OutputDataReceived += (_, e) => silo?.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo?.Append(e.Data);
        process.Start();
        silo = new SiloProcess(name, logPath, process, ExitReaper.Start(Invariant($"kill -9 {process.Id}")), log, (siloPort, gatewayPort, httpPort), roleArguments);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails early, with the log's tail, if the process exits.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var started = DateTime.Now - process.StartTime;
        while (!await IsReadyAsync())
        {
            if (process.HasExited)
            {
                throw new SiloExitedException($"{Name} exited with {process.ExitCode} before it was ready.\n{Tail()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s.\n{Tail()}");
            }

            await Task.Delay(50);
        }

        ReadyAfter = started + deadline.Elapsed;
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Invariant($"http://127.0.0.1:{HttpPort}/readyz")));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill(bool)"/> sends on Linux) to the silo and any child; waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        if (!process.WaitForExit(10_000))
        {
            throw new TimeoutException($"{Name} (pid {process.Id}) did not exit after SIGKILL.");
        }
    }

    /// <summary>The last lines of the log, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (log)
        {
            var all = File.ReadAllLines(LogPath);
            return $"--- {LogPath} (last {Math.Min(lines, all.Length)} lines) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            // Also drains the redirected output into the log.
            using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(drained.Token);
        }
        finally
        {
            lock (log)
            {
                logClosed = true;
                log.Dispose();
            }

            if (!reaper.HasExited)
            {
                reaper.Kill(entireProcessTree: true);
            }

            reaper.Dispose();
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (!logClosed)
            {
                log.Write(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
                log.WriteLine(line);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The silo process ended before it became ready.</summary>
internal sealed class SiloExitedException(string message) : Exception(message);
