using System.Globalization;
using System.Runtime.CompilerServices;
using Orleans.Placement;
using OrleansCluster.Abstractions;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Queries;

/// <summary>
/// A large list as a stream of chunks from one snapshot (of the silo's <see cref="ObjectCache"/>, or of the store).
/// One activation per list (a fresh key), placed with the caller, because the open enumerator lives in the activation
/// between the caller's requests for more. The caller releases it when done; it must not deactivate itself on
/// finishing, since the end of the list can be read after the last request returned, and the caller's next request
/// would then find the enumerator gone. Abandoned ones are collected.
/// </summary>
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ListStreamGrain(ObjectCache cache) : Grain, IListStreamGrain
{
    async IAsyncEnumerable<ListChunk> IListStreamGrain.List(
        Selection selection, int chunkSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var (_, scope) = Selections.Resolve(selection);
        var chunks = cache.ListJsonChunksAsync(scope.Resource, scope.Namespace, scope.Labels, scope.Fields, chunkSize, ct);
        await foreach (var chunk in chunks.TranslateStoreFailures(ct))
        {
            yield return new ListChunk(chunk.Revision.ToString(CultureInfo.InvariantCulture), chunk.Count, chunk.Utf8Array);
        }
    }

    Task IListStreamGrain.Release()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
