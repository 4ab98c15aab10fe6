using OrleansCluster.Core.Resources;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>
/// Where an informer reads one kind from: a consistent list with its revision, and every change after a revision,
/// in order. In a silo this is the store and its revision log; elsewhere the API.
/// </summary>
public interface IListWatch
{
    Task<Listing> ListAsync(ResourceType type, CancellationToken ct);

    /// <summary>Changes after <paramref name="revision"/>; throws <see cref="ListWatchExpiredException"/> when that
    /// revision is no longer kept (Kubernetes' 410 Gone), so the informer lists again.</summary>
    IAsyncEnumerable<Change> WatchAsync(ResourceType type, long revision, CancellationToken ct);
}

/// <summary>Every object of a kind (as JSON) at one revision.</summary>
public sealed record Listing(IReadOnlyList<string> Items, long Revision);

public enum ChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Nothing changed; the revision moved on (no object).</summary>
    Bookmark,
}

/// <summary>One change of one object; <paramref name="Json"/> is empty for bookmarks.</summary>
public sealed record Change(ChangeType Type, long Revision, string Json);

/// <summary>The revision a watch asked for is gone from the log: list again.</summary>
public sealed class ListWatchExpiredException(string message) : Exception(message);
