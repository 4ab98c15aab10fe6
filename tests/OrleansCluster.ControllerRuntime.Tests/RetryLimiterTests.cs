using Microsoft.Extensions.Time.Testing;

namespace OrleansCluster.ControllerRuntime.Tests;

public sealed class RetryLimiterTests
{
    [Fact]
    public void A_key_backs_off_doubling_up_to_the_cap_and_starts_over_once_forgotten()
    {
        var limiter = new RetryLimiter<string>(new WorkQueueOptions { FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromSeconds(1) }, new FakeTimeProvider());

        var delays = Enumerable.Range(0, 6).Select(_ => limiter.Failed("a").TotalMilliseconds).ToList();
        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays);
        Assert.Equal(100, limiter.Failed("b").TotalMilliseconds);

        limiter.Forget("a");
        Assert.Equal(0, limiter.Failures("a"));
        Assert.Equal(100, limiter.Failed("a").TotalMilliseconds);
    }

    [Fact]
    public void Past_the_burst_all_keys_together_retry_at_the_overall_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new RetryLimiter<int>(new WorkQueueOptions
        {
            FirstRetry = TimeSpan.FromMilliseconds(1), RetriesPerSecond = 10, RetryBurst = 5,
        }, time);

        var delays = Enumerable.Range(0, 8).Select(key => limiter.Failed(key).TotalMilliseconds).ToList();
        // Five from the burst at their own back-off, then one token each 100 ms.
        Assert.Equal([1, 1, 1, 1, 1, 100, 200, 300], delays.Select(d => Math.Round(d)));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limiter.Failed(100).TotalMilliseconds);
    }
}
