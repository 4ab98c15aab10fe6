using System.Diagnostics;

namespace OrleansCluster.Runtime.Tests;

internal static class Eventually
{
    /// <summary>Polls until the value satisfies the condition, failing with the last value after the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (clock.Elapsed > timeout) Assert.Fail($"{what} not reached within {timeout.TotalSeconds} s; last: {value}");
            await Task.Delay(20);
        }
    }

    public static Task<ContainerStatus?> Exited(IContainerRuntime runtime, string id) => Until(
        () => runtime.InspectContainerAsync(id), s => s?.State == ContainerState.Exited, TimeSpan.FromSeconds(15), $"container {id} exited");
}
