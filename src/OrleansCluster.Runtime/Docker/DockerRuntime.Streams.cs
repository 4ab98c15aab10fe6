using System.Globalization;
using System.Runtime.CompilerServices;
using global::Docker.DotNet;
using global::Docker.DotNet.Models;

namespace OrleansCluster.Runtime.Docker;

// Images, logs and exec: the calls that stream.
public sealed partial class DockerRuntime
{
    public async Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken = default)
    {
        try
        {
            var inspected = await Call(token => client.Images.InspectImageAsync(image, token), $"inspect image {image}", cancellationToken);
            return new ImageInfo(inspected.ID, inspected.RepoTags?.ToList() ?? [], inspected.Size);
        }
        catch (ContainerRuntimeException e) when (e.Error == RuntimeError.NotFound)
        {
            return null;
        }
    }

    public async Task<ImageInfo> PullImageAsync(string image, CancellationToken cancellationToken = default)
    {
        var (name, tag) = ImageReference.Split(image);
        var progress = new PullProgress();
        try
        {
            await DockerErrors.Call(
                token => client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null, progress, token),
                options.PullTimeout, $"pull {image}", cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Error != RuntimeError.ImagePull)
        {
            // The engine's words without our "pull x:" prefix doubled.
            throw new ContainerRuntimeException(RuntimeError.ImagePull, e.Message, e);
        }
        // The engine reports most pull failures inside a 200 response, as a progress message.
        if (progress.Error is { } error)
            throw new ContainerRuntimeException(RuntimeError.ImagePull, $"pull {image}: {error}");
        return await InspectImageAsync(image, cancellationToken) ??
            throw new ContainerRuntimeException(RuntimeError.ImagePull, $"pull {image}: the engine reported success but has no such image");
    }

    public async IAsyncEnumerable<LogEntry> ReadLogsAsync(
        string containerId, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inspected = await Call(token => client.Containers.InspectContainerAsync(containerId, token), $"logs of {containerId}", cancellationToken);
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = options.Stdout,
            ShowStderr = options.Stderr,
            Follow = options.Follow,
            Timestamps = options.Timestamps,
            Tail = options.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            Since = options.Since is { } since ? UnixSeconds(since) : null,
        };
        using var stream = await Call(
            token => client.Containers.GetContainerLogsAsync(containerId, inspected.Config.Tty, parameters, token),
            $"logs of {containerId}", cancellationToken);
        var lines = new LogLineSplitter(options.Timestamps);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF || read.Count == 0) break;
            var target = read.Target == MultiplexedStream.TargetStream.StandardError ? OutputStream.Stderr : OutputStream.Stdout;
            foreach (var entry in lines.Add(target, buffer.AsSpan(0, read.Count))) yield return entry;
        }
        foreach (var entry in lines.Flush()) yield return entry;
    }

    public async Task<IExecSession> ExecAsync(string containerId, ExecSpec spec, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerExecCreateParameters
        {
            Cmd = spec.Command.ToList(),
            AttachStdin = spec.Stdin,
            AttachStdout = true,
            AttachStderr = true,
            Tty = spec.Tty,
            Env = spec.Env.Select(e => $"{e.Name}={e.Value}").ToList(),
            WorkingDir = spec.WorkingDir,
        };
        return await Call(async token =>
        {
            var created = await client.Exec.ExecCreateContainerAsync(containerId, parameters, token);
            var stream = await client.Exec.StartAndAttachContainerExecAsync(created.ID, spec.Tty, token);
            return new DockerExecSession(client, created.ID, stream, options.RequestTimeout);
        }, $"exec in {containerId}", cancellationToken);
    }

    /// <summary>Docker's <c>since</c>: seconds since the epoch with a nanosecond fraction.</summary>
    private static string UnixSeconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return FormattableString.Invariant($"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond * 100:D9}");
    }

    /// <summary>Collects the first error the engine reports while pulling (called synchronously by Docker.DotNet).</summary>
    private sealed class PullProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            var message = value.Error?.Message ?? value.ErrorMessage;
            if (Error is null && !string.IsNullOrEmpty(message)) Error = message;
        }
    }
}
