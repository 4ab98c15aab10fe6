using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Objects;
using ChangeType = OrleansCluster.ControllerRuntime.Informers.ChangeType;
using WatchEventType = OrleansCluster.Store.Objects.WatchEventType;

namespace OrleansCluster.Grains.Controllers;

/// <summary>Informers inside a silo read the store and this silo's tail of the revision log directly.</summary>
internal sealed class StoreListWatch(ObjectStore store, ObjectWatch watch) : IListWatch
{
    /// <summary>A quiet kind still moves its informers' revision on this often (bookmarks).</summary>
    private static readonly TimeSpan BookmarkEvery = TimeSpan.FromSeconds(1);

    public async Task<Listing<T>> ListAsync<T>(ResourceType type, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var list = await store.ListAsync(type.QualifiedPlural, null, LabelSelector.Parse(null), FieldSelector.Parse(null), ct);
        return new Listing<T>(list.Items.Select(i => (T)ModelCodec.Parse(type, i.Json)).ToList(), list.Revision);
    }

    public async IAsyncEnumerable<Change<T>> WatchAsync<T>(ResourceType type, long revision, [EnumeratorCancellation] CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
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
            yield return change.Type == WatchEventType.Bookmark
                ? new Change<T>(ChangeType.Bookmark, change.Revision, null)
                : new Change<T>(
                    change.Type switch
                    {
                        WatchEventType.Added => ChangeType.Added,
                        WatchEventType.Modified => ChangeType.Modified,
                        _ => ChangeType.Deleted,
                    },
                    change.Revision,
                    (T)ModelCodec.Parse(type, change.Json));
        }
    }
}
