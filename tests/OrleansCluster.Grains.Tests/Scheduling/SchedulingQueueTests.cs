using OrleansCluster.Grains.Scheduling;

namespace OrleansCluster.Grains.Tests.Scheduling;

/// <summary>The scheduling queue alone (pure, time given): FIFO, parking, back-off, and no hot loop.</summary>
public sealed class SchedulingQueueTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Pods_come_out_in_order_once_each()
    {
        var queue = new SchedulingQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(["a", "b"], Drain(queue));
    }

    [Fact]
    public void Back_off_doubles_from_one_second_to_ten()
    {
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(n => SchedulingQueue.Backoff(n).TotalSeconds));
    }

    [Fact]
    public void An_unschedulable_pod_waits_for_a_change_and_its_back_off()
    {
        var queue = new SchedulingQueue();
        queue.Add("p");
        Drain(queue);
        queue.Park("p", T0);

        Assert.Equal(0, queue.Flush(T0.AddSeconds(30)));
        queue.Add("p");
        Assert.Empty(Drain(queue));

        queue.ClusterChanged();
        Assert.Equal(1, queue.Flush(T0.AddSeconds(30)));
        Assert.Equal(["p"], Drain(queue));

        queue.Park("p", T0.AddSeconds(30));
        queue.ClusterChanged();
        Assert.Equal(0, queue.Flush(T0.AddSeconds(31)));
        Assert.Equal(1, queue.Flush(T0.AddSeconds(32)));
    }

    [Fact]
    public void A_parked_pod_is_retried_after_a_minute_even_without_a_change()
    {
        var queue = new SchedulingQueue();
        queue.Park("p", T0);

        Assert.Equal(0, queue.Flush(T0 + SchedulingQueue.MaxParked - TimeSpan.FromSeconds(1)));
        Assert.Equal(1, queue.Flush(T0 + SchedulingQueue.MaxParked));
    }

    [Fact]
    public void A_failed_bind_is_retried_after_the_back_off_alone()
    {
        var queue = new SchedulingQueue();
        queue.Park("p", T0, retryAfterBackoff: true);

        Assert.Equal(0, queue.Flush(T0.AddMilliseconds(999)));
        Assert.Equal(1, queue.Flush(T0.AddSeconds(1)));
    }

    [Fact]
    public void A_removed_pod_never_comes_back()
    {
        var queue = new SchedulingQueue();
        queue.Add("a");
        queue.Park("b", T0);
        queue.Remove("a");
        queue.Remove("b");
        queue.ClusterChanged();

        Assert.Equal(0, queue.Flush(T0.AddHours(1)));
        Assert.Empty(Drain(queue));
    }

    private static List<string> Drain(SchedulingQueue queue)
    {
        var keys = new List<string>();
        while (queue.TryPop(out var key))
        {
            keys.Add(key);
        }

        return keys;
    }
}
