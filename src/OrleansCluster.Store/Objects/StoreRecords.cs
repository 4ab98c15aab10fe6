namespace OrleansCluster.Store.Objects;

/// <summary>Where an object lives: resource plural (group-qualified outside core), namespace ("" when cluster-scoped), name.</summary>
public readonly record struct ObjectKey(string Resource, string Namespace, string Name)
{
    /// <summary>etcd-style key: <c>pods/default/web</c>, <c>namespaces/default</c>.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Resource}/{Name}" : $"{Resource}/{Namespace}/{Name}";
}

/// <summary>An object as stored: its revision (resourceVersion) and its JSON, which carries that revision.</summary>
public sealed record StoredObject(ObjectKey Key, long Revision, string Json);

/// <summary>
/// One write. <paramref name="ExpectedRevision"/> is 0 to create, otherwise the revision the
/// writer read; labels and fields are JSON objects kept beside the body for selectors.
/// </summary>
public sealed record ObjectWrite(
    ObjectKey Key, Guid Uid, long ExpectedRevision, string LabelsJson, string FieldsJson, string BodyJson);

/// <summary>A list answer and the revision it is consistent with.</summary>
public sealed record ObjectList(long Revision, IReadOnlyList<StoredObject> Items);

/// <summary>
/// Part of a list as the bytes a client parses: <paramref name="Count"/> objects as one UTF-8 JSON array, read
/// from the store without ever becoming .NET strings.
/// </summary>
public sealed record JsonArrayChunk(long Revision, int Count, byte[] Utf8Array);

/// <summary>The kind of change a log entry records.</summary>
public enum ChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One change in the revision log. For <see cref="ChangeType.Modified"/> the labels and fields
/// the object had before are kept, so a selective watch can tell an object entering or leaving its selection.
/// </summary>
public sealed record LogEntry(
    long Revision,
    ObjectKey Key,
    ChangeType Type,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string>? PreviousLabels,
    IReadOnlyDictionary<string, string>? PreviousFields,
    string Json);
