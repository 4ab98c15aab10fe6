namespace OrleansCluster.Core.Printing;

/// <summary>
/// One column of a <c>meta.k8s.io/v1</c> Table. <paramref name="Priority"/> 0 columns are always shown;
/// priority 1 columns only with <c>kubectl get -o wide</c>. The server always fills every cell.
/// </summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0)
{
    /// <summary>The object's name column (format <c>name</c>), first in almost every table.</summary>
    public static TableColumn ObjectName(int priority = 0) =>
        new("Name", "string", "name", "The name of the object, unique within its namespace (or cluster, for cluster-scoped kinds).", priority);

    /// <summary>The age column: a string computed from <c>metadata.creationTimestamp</c>.</summary>
    public static readonly TableColumn Age =
        new("Age", "string", "", "How long ago the object was created (from metadata.creationTimestamp).");

    /// <summary>A plain string column.</summary>
    public static TableColumn Text(string name, string description, int priority = 0) =>
        new(name, "string", "", description, priority);
}
