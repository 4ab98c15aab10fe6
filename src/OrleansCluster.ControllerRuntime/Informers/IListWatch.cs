using k8s;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>
/// Where an informer reads one kind from: a consistent list with its revision, and every change after a revision,
/// in order, as typed objects. In a silo this is the store and its revision log; in a node process, the API (scoped
/// to the node's pods).
/// </summary>
public interface IListWatch
{
    Task<Listing<T>> ListAsync<T>(ResourceType type, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Changes after <paramref name="revision"/>; throws <see cref="ListWatchExpiredException"/> when that
    /// revision is no longer kept (Kubernetes' 410 Gone), so the informer lists again.</summary>
    IAsyncEnumerable<Change<T>> WatchAsync<T>(ResourceType type, long revision, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}

/// <summary>Every object of a kind at one revision.</summary>
public sealed record Listing<T>(IReadOnlyList<T> Items, long Revision);

public enum ChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Nothing changed; the revision moved on (no object).</summary>
    Bookmark,
}

/// <summary>One change of one object; <paramref name="Object"/> is null for bookmarks.</summary>
public sealed record Change<T>(ChangeType Type, long Revision, T? Object);

/// <summary>The revision a watch asked for is gone from the log: list again.</summary>
public sealed class ListWatchExpiredException(string message) : Exception(message);
