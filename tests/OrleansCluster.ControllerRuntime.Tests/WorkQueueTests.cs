using System.Collections.Concurrent;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.ControllerRuntime.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_key_runs_one_pass_at_a_time_and_once_more_when_added_during_its_pass()
    {
        const string key = "a";
        var inPass = 0;
        var overlapped = false;
        var passes = 0;
        var release = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource();
        WorkQueue<string>? queue = null;
        queue = new WorkQueue<string>(async (_, _) =>
        {
            overlapped |= Interlocked.Increment(ref inPass) > 1;
            if (Interlocked.Increment(ref passes) == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }

            Interlocked.Decrement(ref inPass);
            return null;
        }, new WorkQueueOptions { Parallelism = 4 }, TimeProvider.System, (_, e) => throw e);
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(stop.Token);

        queue.Enqueue(key);
        await firstStarted.Task.WaitAsync(Deadline);
        queue.Enqueue(key);
        queue.Enqueue(key);
        release.SetResult();
        await Eventually.True(() => Task.FromResult(queue.Completed == 2), Deadline, "two passes");

        Assert.False(overlapped);
        Assert.Equal(2, passes);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Different_keys_run_in_parallel_and_a_failing_pass_is_retried()
    {
        var gate = new TaskCompletionSource();
        var started = new ConcurrentDictionary<string, int>();
        var failures = 0;
        var queue = new WorkQueue<string>(async (key, _) =>
        {
            var n = started.AddOrUpdate(key, 1, (_, v) => v + 1);
            if (key == "flaky" && n == 1)
            {
                throw new InvalidOperationException("transient");
            }

            if (key is "a" or "b")
            {
                await gate.Task;
            }

            return null;
        }, new WorkQueueOptions { Parallelism = 3 }, TimeProvider.System, (_, _) => Interlocked.Increment(ref failures));
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(stop.Token);

        queue.Enqueue("a");
        queue.Enqueue("b");
        await Eventually.True(() => Task.FromResult(started.ContainsKey("a") && started.ContainsKey("b")), Deadline, "a and b at once");
        queue.Enqueue("flaky");
        await Eventually.True(() => Task.FromResult(started.GetValueOrDefault("flaky") == 2), Deadline, "flaky retried");
        Assert.Equal(1, failures);
        gate.SetResult();
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }
}
