using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace OrleansCluster.Api.Events;

/// <summary>
/// Events written beside the work that causes them (the scheduler's Scheduled, kubelet's Created and Started), so
/// that recording never delays that work. As Kubernetes' event broadcaster, a full queue drops events rather than slow
/// the component down: events are best effort. With one worker they are written in the order posted.
/// </summary>
public sealed partial class EventQueue(EventRecorder recorder, ILogger logger, int workers = 1)
{
    private const int Capacity = 1_000;

    private readonly Channel<(V1Pod Pod, string Type, string Reason, string Message)> queue =
        Channel.CreateBounded<(V1Pod, string, string, string)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
        });

    public void Post(V1Pod pod, string type, string reason, string message) => queue.Writer.TryWrite((pod, type, reason, message));

    /// <summary>Writes posted events until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "recording event {Reason} about pod {Pod} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason, string pod);
}
