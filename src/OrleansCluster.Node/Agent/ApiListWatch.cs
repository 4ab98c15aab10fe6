using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// Informers in a node process read through the API, optionally narrowed by a field selector per kind (a kubelet
/// asks only for its node's pods: <c>spec.nodeName=</c>).
/// </summary>
internal sealed class ApiListWatch(OrleansClusterClient client, Func<ResourceType, string?> fieldSelectorOf) : IListWatch
{
    public async Task<Listing<T>> ListAsync<T>(ResourceType type, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var list = await client.For<T>(type).ListAsync(fieldSelector: fieldSelectorOf(type));
        return new Listing<T>(list.Items, Revision(list.ResourceVersion));
    }

    public async IAsyncEnumerable<Change<T>> WatchAsync<T>(ResourceType type, long revision, [EnumeratorCancellation] CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var events = client.For<T>(type)
            .WatchAsync(resourceVersion: revision.ToString(), fieldSelector: fieldSelectorOf(type), bookmarks: true, ct: ct)
            .GetAsyncEnumerator(ct);
        await using (events)
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (ApiException e) when (e.Code == 410)
                {
                    throw new ListWatchExpiredException(e.Message);
                }

                var change = events.Current;
                var kind = change.Type switch
                {
                    WatchTypes.Added => ChangeType.Added,
                    WatchTypes.Modified => ChangeType.Modified,
                    WatchTypes.Deleted => ChangeType.Deleted,
                    _ => ChangeType.Bookmark,
                };
                yield return new Change<T>(kind, Revision(change.ResourceVersion), kind == ChangeType.Bookmark ? null : change.Object);
            }
        }
    }

    private static long Revision(string resourceVersion) => long.TryParse(resourceVersion, out var r) ? r : 0;
}
