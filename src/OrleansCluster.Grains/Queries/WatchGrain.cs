using System.Globalization;
using System.Runtime.CompilerServices;
using Orleans.Placement;
using OrleansCluster.Abstractions;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Queries;

/// <summary>
/// One watch. From a resourceVersion it replays the log and then follows it; with none (or "0") it starts
/// with the current objects as ADDED events, then follows from the revision they were listed at.
/// </summary>
[PreferLocalPlacement]
public sealed class WatchGrain(ObjectStore store, ObjectWatch watch) : Grain, IWatchGrain
{
    private static readonly TimeSpan BookmarkEvery = TimeSpan.FromSeconds(10);

    IAsyncEnumerable<WatchEventData> IWatchGrain.Watch(Selection selection, string resourceVersion, bool bookmarks, CancellationToken ct) =>
        WatchAsync(selection, resourceVersion, bookmarks, ct).TranslateStoreFailures(ct);

    private async IAsyncEnumerable<WatchEventData> WatchAsync(
        Selection selection, string resourceVersion, bool bookmarks, [EnumeratorCancellation] CancellationToken ct)
    {
        var (_, scope) = Selections.Resolve(selection);
        var from = Selections.ParseRevision(resourceVersion);
        if (from is null)
        {
            var list = await store.ListAsync(scope.Resource, scope.Namespace, scope.Labels, scope.Fields, ct);
            foreach (var item in list.Items)
            {
                yield return new WatchEventData(WatchTypes.Added, Revision(item.Revision), item.Json);
            }

            from = list.Revision;
        }

        await using var events = watch.WatchAsync(scope, from.Value, bookmarks ? BookmarkEvery : null, ct)
            .GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    break;
                }
            }
            catch (RevisionExpiredException e)
            {
                throw ApiException.Expired(e.Message);
            }

            var change = events.Current;
            yield return new WatchEventData(TypeName(change.Type), Revision(change.Revision), change.Json);
        }

        DeactivateOnIdle();
    }

    private static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => WatchTypes.Added,
        WatchEventType.Modified => WatchTypes.Modified,
        WatchEventType.Deleted => WatchTypes.Deleted,
        _ => WatchTypes.Bookmark,
    };

    private static string Revision(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
