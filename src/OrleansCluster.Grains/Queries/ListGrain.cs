using System.Globalization;
using Orleans.Concurrency;
using OrleansCluster.Abstractions;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Queries;

/// <summary>
/// Lists come from the silo's <see cref="ObjectCache"/> (or one query in PostgreSQL), never a fan-out over object
/// grains; any silo serves them.
/// </summary>
[StatelessWorker]
public sealed class ListGrain(ObjectCache cache) : Grain, IListGrain
{
    async Task<ListResult> IListGrain.List(Selection selection)
    {
        var (_, scope) = Selections.Resolve(selection);
        var list = await cache.ListAsync(scope.Resource, scope.Namespace, scope.Labels, scope.Fields);
        return new ListResult(
            list.Revision.ToString(CultureInfo.InvariantCulture),
            list.Items.Select(i => i.Json).ToList());
    }
}
