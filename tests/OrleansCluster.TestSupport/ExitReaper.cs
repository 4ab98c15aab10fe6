using System.Diagnostics;
using System.Globalization;

namespace OrleansCluster.TestSupport;

/// <summary>
/// Cleanup that runs once this test process has exited, however it ended: exit handlers in a test host are not
/// given time to finish, and a killed host runs none at all.
/// </summary>
public static class ExitReaper
{
    /// <summary>
    /// Starts a detached shell that waits for this process to exit, then runs <paramref name="command"/> (sh syntax).
    /// Kill the returned process (with its tree) to call the cleanup off.
    /// </summary>
    public static Process Start(string command)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // Detached from our pipes so that a test runner reading this process's output does not wait for the reaper.
        var script = $"exec </dev/null >/dev/null 2>&1; tail --pid={pid} -f /dev/null; {command}";
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var arg in new[] { "sh", "-c", script })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start a reaper shell.");
    }
}
