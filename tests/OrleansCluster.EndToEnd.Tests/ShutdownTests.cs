using System.Diagnostics;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>A silo of its own, shut down under an open watch.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutting_down_closes_open_watches_so_clients_move_on()
    {
        var cluster = new GatewayCluster();
        await cluster.InitializeAsync();
        try
        {
            (await cluster.Kubectl.RunAsync("run", "first", "--image=busybox:1.36", "--restart=Never")).Ok();
            using var watch = cluster.Kubectl.Start("get", "pods", "-w");
            await ReadUntilAsync(watch, "first ");

            // A pod created now shows up only through the open watch: then the stream is surely established.
            (await cluster.Kubectl.RunAsync("run", "second", "--image=busybox:1.36", "--restart=Never")).Ok();
            await ReadUntilAsync(watch, "second ");

            var stopping = Stopwatch.StartNew();
            await cluster.StopAsync();
            await watch.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // kubectl get -w exits 0 when the server ends the stream, as when a real apiserver restarts.
            Assert.Equal(0, watch.ExitCode);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the watch closed only after {stopping.Elapsed}");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task ReadUntilAsync(Process process, string prefix)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"the watch ended before a line starting with \"{prefix}\"");
    }
}
