using System.Runtime.CompilerServices;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;
using ChangeType = OrleansCluster.ControllerRuntime.Informers.ChangeType;

namespace OrleansCluster.Grains.Controllers;

/// <summary>Informers inside a silo read the store and this silo's tail of the revision log directly.</summary>
internal sealed class StoreListWatch(ObjectStore store, ObjectWatch watch) : IListWatch
{
    /// <summary>A quiet kind still moves its informers' revision on this often (bookmarks).</summary>
    private static readonly TimeSpan BookmarkEvery = TimeSpan.FromSeconds(1);

    public async Task<Listing> ListAsync(ResourceType type, CancellationToken ct)
    {
        var list = await store.ListAsync(type.QualifiedPlural, null, LabelSelector.Parse(null), FieldSelector.Parse(null), ct);
        return new Listing(list.Items.Select(i => i.Json).ToList(), list.Revision);
    }

    public async IAsyncEnumerable<Change> WatchAsync(ResourceType type, long revision, [EnumeratorCancellation] CancellationToken ct)
    {
        var scope = new WatchScope(type.QualifiedPlural, null, LabelSelector.Parse(null), FieldSelector.Parse(null));
        await using var events = watch.WatchAsync(scope, revision, BookmarkEvery, ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (RevisionExpiredException e)
            {
                throw new ListWatchExpiredException(e.Message);
            }

            var change = events.Current;
            yield return new Change(
                change.Type switch
                {
                    WatchEventType.Added => ChangeType.Added,
                    WatchEventType.Modified => ChangeType.Modified,
                    WatchEventType.Deleted => ChangeType.Deleted,
                    _ => ChangeType.Bookmark,
                },
                change.Revision,
                change.Json);
        }
    }
}
