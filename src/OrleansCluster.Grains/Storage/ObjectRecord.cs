namespace OrleansCluster.Grains.Storage;

/// <summary>
/// An API object grain's persisted state: the object's JSON and what the store indexes beside it.
/// The grain state's ETag is the object's revision (resourceVersion).
/// </summary>
public sealed class ObjectRecord
{
    /// <summary>The object as Kubernetes JSON; on clear, its final state, logged as the DELETED event.</summary>
    public string? Json { get; set; }

    public Guid Uid { get; set; }

    /// <summary>metadata.labels as a JSON object.</summary>
    public string LabelsJson { get; set; } = "{}";

    /// <summary>The selectable fields as a JSON object.</summary>
    public string FieldsJson { get; set; } = "{}";

    /// <summary>
    /// After a clear, the revision of the deletion (the DELETED event's resourceVersion); the ETag is then empty, as
    /// the next write is a create.
    /// </summary>
    public string? RemovedAt { get; set; }
}
