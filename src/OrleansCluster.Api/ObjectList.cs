namespace OrleansCluster.Api;

/// <summary>A list of objects and the resourceVersion it is consistent with (watch from it to follow changes).</summary>
public sealed record ObjectList<T>(string ResourceVersion, IReadOnlyList<T> Items);

/// <summary>A watch event: <c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c> or <c>BOOKMARK</c> (object null).</summary>
public sealed record WatchEvent<T>(string Type, string ResourceVersion, T? Object);
