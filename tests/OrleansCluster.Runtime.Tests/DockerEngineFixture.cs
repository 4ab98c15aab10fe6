using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace OrleansCluster.Runtime.Tests;

/// <summary>
/// Makes sure a Docker engine and the local image are there, running deploy/docker.sh when they are not; when that
/// fails every Docker test fails with the reason (never a silent pass). At the end it removes every container any
/// test of this process created (they all carry this process's node-name prefix), even after failures.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string Image = "orleanscluster/busybox:local";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    public DockerClient Client { get; } = new DockerClientConfiguration().CreateClient();

    public async Task InitializeAsync()
    {
        if (await ReadyAsync()) return;
        var script = Path.Combine(RepositoryRoot(), "deploy", "docker.sh");
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"deploy/docker.sh did not finish within {ScriptTimeout}; the Docker tests need a Docker engine.");
        }
        if (process.ExitCode != 0 || !await ReadyAsync())
            throw new InvalidOperationException(
                $"The Docker tests need a Docker engine with the image {Image}, and deploy/docker.sh could not provide them " +
                $"(exit code {process.ExitCode}):\n{await output}\n{await error}");
    }

    public async Task DisposeAsync()
    {
        var mine = $"test-{Environment.ProcessId}-";
        var all = await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        foreach (var container in all.Where(c => c.Labels is not null &&
            c.Labels.TryGetValue(RuntimeLabels.Node, out var node) && node.StartsWith(mine, StringComparison.Ordinal)))
            await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        Client.Dispose();
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Client.System.PingAsync(timeout.Token);
            await Client.Images.InspectImageAsync(Image, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or
            System.Net.Sockets.SocketException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrleansCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException($"OrleansCluster.sln not found above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "Docker engine";
}
