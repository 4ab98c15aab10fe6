namespace OrleansCluster.Abstractions;

/// <summary>How an object is deleted, as Kubernetes' <c>DeleteOptions</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record DeleteRequest
{
    /// <summary>Seconds to wait before the object is removed; 0 removes at once. Null: the object's own default.</summary>
    [Id(0)] public long? GracePeriodSeconds { get; init; }

    /// <summary><c>Orphan</c>, <c>Background</c> or <c>Foreground</c>; null for the kind's default.</summary>
    [Id(1)] public string? PropagationPolicy { get; init; }

    /// <summary>Precondition: the object's uid must be this.</summary>
    [Id(2)] public string? Uid { get; init; }

    /// <summary>Precondition: the object's resourceVersion must be this.</summary>
    [Id(3)] public string? ResourceVersion { get; init; }

    /// <summary>Only check and answer what the delete would do (Kubernetes' <c>dryRun=All</c>); change nothing.</summary>
    [Id(4)] public bool DryRun { get; init; }
}

/// <summary>The answer to a delete: the object as it now is, and whether it is gone or only marked for deletion.</summary>
[GenerateSerializer, Immutable]
public sealed record DeleteResult([property: Id(0)] string Json, [property: Id(1)] bool Removed);

/// <summary>What a list or watch selects.</summary>
[GenerateSerializer, Immutable]
public sealed record Selection
{
    /// <summary>The resource plural (<c>pods</c>).</summary>
    [Id(0)] public required string Resource { get; init; }

    /// <summary>The namespace, or null for all namespaces (and for cluster-scoped kinds).</summary>
    [Id(1)] public string? Namespace { get; init; }

    /// <summary>A label selector in Kubernetes' string syntax.</summary>
    [Id(2)] public string? LabelSelector { get; init; }

    /// <summary>A field selector in Kubernetes' string syntax.</summary>
    [Id(3)] public string? FieldSelector { get; init; }
}

/// <summary>A list: the objects as JSON and the resourceVersion the list is consistent with.</summary>
[GenerateSerializer, Immutable]
public sealed record ListResult([property: Id(0)] string ResourceVersion, [property: Id(1)] IReadOnlyList<string> Items);

/// <summary>Part of a streamed list: <paramref name="Count"/> objects as one UTF-8 JSON array, and the list's resourceVersion.</summary>
[GenerateSerializer, Immutable]
public sealed record ListChunk(
    [property: Id(0)] string ResourceVersion, [property: Id(1)] int Count, [property: Id(2)] byte[] Utf8JsonArray);

/// <summary>Watch event types, as on the wire.</summary>
public static class WatchTypes
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
}

/// <summary>One watch event: its type, the resourceVersion it happened at, and the object as JSON (empty for bookmarks).</summary>
[GenerateSerializer, Immutable]
public sealed record WatchEventData(
    [property: Id(0)] string Type, [property: Id(1)] string ResourceVersion, [property: Id(2)] string Json);

/// <summary>Whether an object exists and takes new content (used for namespaces).</summary>
public enum Lifecycle
{
    Absent,
    Active,
    Terminating,
}

/// <summary>The patch formats of the Kubernetes API.</summary>
public enum PatchKind
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c>.</summary>
    Strategic,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/apply-patch+yaml</c>: server-side apply.</summary>
    Apply,
}

/// <summary>A patch and how to apply it.</summary>
[GenerateSerializer, Immutable]
public sealed record PatchRequest([property: Id(0)] PatchKind Kind, [property: Id(1)] string Body)
{
    /// <summary>The field manager named by the request (server-side apply).</summary>
    [Id(2)] public string? FieldManager { get; init; }

    /// <summary>Patch the status (the <c>status</c> subresource) instead of spec and metadata.</summary>
    [Id(3)] public bool Status { get; init; }

    /// <summary>Only check and answer what the patch would store (Kubernetes' <c>dryRun=All</c>); change nothing.</summary>
    [Id(4)] public bool DryRun { get; init; }
}

/// <summary>The patched object, and whether the patch created it (server-side apply of an absent object).</summary>
[GenerateSerializer, Immutable]
public sealed record PatchResult([property: Id(0)] string Json, [property: Id(1)] bool Created);
