namespace OrleansCluster.Store.Objects;

/// <summary>The write's expected revision did not match: the object exists (create) or moved on (update).</summary>
public sealed class RevisionConflictException(ObjectKey key, string detail)
    : Exception($"{key}: {detail}")
{
    public ObjectKey Key { get; } = key;
}

/// <summary>The object to update or delete is not in the store.</summary>
public sealed class ObjectNotFoundException(ObjectKey key) : Exception($"{key}: not found")
{
    public ObjectKey Key { get; } = key;
}

/// <summary>The requested revision is older than the retained history: the reader must relist (HTTP 410 Expired).</summary>
public sealed class RevisionExpiredException(long requested, long compacted)
    : Exception($"too old resource version: {requested} ({compacted})")
{
    public long Requested { get; } = requested;

    public long Compacted { get; } = compacted;
}
