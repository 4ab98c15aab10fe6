using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// client-go's informer for one resource, inside the silo: list everything, then watch from the list's revision;
/// when the watch's revision is compacted away (410) or fails, list again. Objects are parsed here, off the
/// scheduler loop, so parsing runs beside scheduling.
/// </summary>
internal sealed partial class Informer(
    ObjectStore store,
    ObjectWatch watch,
    ResourceType type,
    Func<IReadOnlyList<string>, SchedulerEvent> listed,
    Func<WatchEventType, string, SchedulerEvent> changed,
    ChannelWriter<SchedulerEvent> output,
    ILogger logger)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var scope = new WatchScope(type.QualifiedPlural, null, LabelSelector.Parse(null), FieldSelector.Parse(null));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var list = await store.ListAsync(scope.Resource, null, scope.Labels, scope.Fields, ct);
                await output.WriteAsync(listed(list.Items.Select(i => i.Json).ToList()), ct);
                await foreach (var e in watch.WatchAsync(scope, list.Revision, null, ct))
                {
                    if (e.Type != WatchEventType.Bookmark)
                    {
                        await output.WriteAsync(changed(e.Type, e.Json), ct);
                    }
                }
            }
            catch (RevisionExpiredException)
            {
                LogRelist(logger, type.QualifiedPlural);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, e, type.QualifiedPlural);
                await Task.Delay(RetryAfter, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler: the {Resource} watch expired; listing again")]
    private static partial void LogRelist(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler: listing or watching {Resource} failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception, string resource);
}
