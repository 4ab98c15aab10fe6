using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Client.Events;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// The scheduler's events (Scheduled, FailedScheduling), written beside scheduling by a few workers. As Kubernetes'
/// event broadcaster, a full queue drops events rather than slow scheduling down: events are best effort.
/// </summary>
internal sealed partial class EventSink(EventRecorder recorder, ILogger logger)
{
    private const int Capacity = 1_000;
    private const int Workers = 4;

    private readonly Channel<(V1Pod Pod, string Type, string Reason, string Message)> queue =
        Channel.CreateBounded<(V1Pod, string, string, string)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
        });

    public void Post(V1Pod pod, string type, string reason, string message) => queue.Writer.TryWrite((pod, type, reason, message));

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (pod, type, reason, message) in queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await recorder.RecordAsync(pod, type, reason, message);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogFailed(logger, e, reason, pod.Metadata.Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler: recording event {Reason} about pod {Pod} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason, string pod);
}
