using System.Buffers;
using System.Runtime.InteropServices;
using global::Docker.DotNet;
using global::Docker.DotNet.Models;

namespace OrleansCluster.Runtime.Docker;

/// <summary>One exec over its hijacked connection; the exit code comes from inspecting the exec once output has ended.</summary>
internal sealed class DockerExecSession(DockerClient client, string execId, MultiplexedStream stream, TimeSpan timeout) : IExecSession
{
    private static readonly TimeSpan ExitPoll = TimeSpan.FromMilliseconds(10);

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment))
            return stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken);
        return stream.WriteAsync(data.ToArray(), 0, data.Length, cancellationToken);
    }

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        stream.CloseWrite();
        return Task.CompletedTask;
    }

    public async Task<ExecRead> ReadOutputAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
            return Convert(await stream.ReadOutputAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = await stream.ReadOutputAsync(rented, 0, buffer.Length, cancellationToken);
            rented.AsMemory(0, read.Count).CopyTo(buffer);
            return Convert(read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public async Task<int> GetExitCodeAsync(CancellationToken cancellationToken = default)
    {
        // The process may still be finishing for a moment after its output closed: poll, bounded.
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var inspected = await DockerErrors.Call(
                token => client.Exec.InspectContainerExecAsync(execId, token), timeout, $"inspect exec {execId}", cancellationToken);
            if (!inspected.Running) return (int)inspected.ExitCode;
            if (DateTime.UtcNow > deadline)
                throw new ContainerRuntimeException(RuntimeError.Engine, $"exec {execId} still running {timeout.TotalSeconds:0} s after its output ended");
            await Task.Delay(ExitPoll, cancellationToken);
        }
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) => DockerErrors.Call(
        token => client.Exec.ResizeContainerExecTtyAsync(execId, new ContainerResizeParameters { Width = columns, Height = rows }, token),
        timeout, $"resize exec {execId}", cancellationToken);

    public ValueTask DisposeAsync()
    {
        stream.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ExecRead Convert(MultiplexedStream.ReadResult read) => read.EOF
        ? new ExecRead(OutputStream.Stdout, 0)
        : new ExecRead(read.Target == MultiplexedStream.TargetStream.StandardError ? OutputStream.Stderr : OutputStream.Stdout, read.Count);
}
