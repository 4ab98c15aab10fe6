using System.Text;

namespace OrleansCluster.Runtime.InMemory;

/// <summary>A simulated exec: collects stdin until it is closed (when attached), then answers from the process's handler.</summary>
internal sealed class InMemoryExecSession(ExecSpec spec, Func<ExecSpec, string, ExecResult>? handler) : IExecSession
{
    private readonly StringBuilder stdin = new();
    private readonly TaskCompletionSource stdinClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<(OutputStream Stream, byte[] Data, int Offset)> output = new();
    private ExecResult? result;

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        lock (stdin) stdin.Append(Encoding.UTF8.GetString(data.Span));
        return Task.CompletedTask;
    }

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        stdinClosed.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<ExecRead> ReadOutputAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await RunAsync(cancellationToken);
        lock (output)
        {
            while (output.TryPeek(out var chunk))
            {
                var count = Math.Min(buffer.Length, chunk.Data.Length - chunk.Offset);
                if (count == 0)
                {
                    output.Dequeue();
                    continue;
                }
                chunk.Data.AsMemory(chunk.Offset, count).CopyTo(buffer);
                output.Dequeue();
                if (chunk.Offset + count < chunk.Data.Length)
                {
                    // Put the rest back in front.
                    var rest = output.ToArray();
                    output.Clear();
                    output.Enqueue((chunk.Stream, chunk.Data, chunk.Offset + count));
                    foreach (var item in rest) output.Enqueue(item);
                }
                return new ExecRead(chunk.Stream, count);
            }
        }
        return new ExecRead(OutputStream.Stdout, 0);
    }

    public async Task<int> GetExitCodeAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(cancellationToken);
        return result!.ExitCode;
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (result is not null) return;
        if (spec.Stdin) await stdinClosed.Task.WaitAsync(cancellationToken);
        lock (output)
        {
            if (result is not null) return;
            string input;
            lock (stdin) input = stdin.ToString();
            result = handler?.Invoke(spec, input) ?? new ExecResult(0, "", "");
            output.Enqueue((OutputStream.Stdout, Encoding.UTF8.GetBytes(result.Stdout), 0));
            output.Enqueue((OutputStream.Stderr, Encoding.UTF8.GetBytes(result.Stderr), 0));
        }
    }
}
