using k8s.Models;
using OrleansCluster.Api.Events;
using static OrleansCluster.Grains.Tests.Objects;

namespace OrleansCluster.Grains.Tests.Scheduling;

public sealed class EventRecorderTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_repeated_event_is_counted_on_one_object()
    {
        var pod = await cluster.Client.Pods.CreateAsync(Pod("default", "counted"));
        var recorder = new EventRecorder(cluster.Client, "default-scheduler");

        await recorder.RecordAsync(pod, EventRecorder.Warning, "FailedScheduling", "0/0 nodes are available");
        await recorder.RecordAsync(pod, EventRecorder.Warning, "FailedScheduling", "0/0 nodes are available");
        await new EventRecorder(cluster.Client, "default-scheduler").RecordAsync(pod, EventRecorder.Warning, "FailedScheduling", "0/0 nodes are available");

        var events = (await cluster.Client.Events.ListAsync("default")).Items.Where(e => e.InvolvedObject.Name == "counted").ToList();
        var e = Assert.Single(events);
        Assert.Equal(3, e.Count);
        Assert.Equal(("Warning", "FailedScheduling", "default-scheduler"), (e.Type, e.Reason, e.Source.Component));
        Assert.Equal(pod.Metadata.Uid, e.InvolvedObject.Uid);
    }
}
