using System.Diagnostics;
using Xunit;

namespace OrleansCluster.TestSupport;

/// <summary>Awaits a condition with a deadline (never a bare sleep), failing the test with the last value seen.</summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until the value satisfies <paramref name="condition"/>; returns that value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{what} not reached within {timeout.TotalSeconds} s; last: {Describe(value)}");
            }

            await Task.Delay(Every);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task True(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, v => v, timeout, what);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        k8s.IKubernetesObject o => k8s.KubernetesJson.Serialize(o),
        _ => value.ToString() ?? "",
    };
}
