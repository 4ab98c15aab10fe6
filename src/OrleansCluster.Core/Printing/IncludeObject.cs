namespace OrleansCluster.Core.Printing;

/// <summary>What each Table row carries in <c>object</c> (the <c>includeObject</c> query parameter).</summary>
public enum IncludeObject
{
    /// <summary><c>object</c> is null.</summary>
    None,

    /// <summary>A <c>PartialObjectMetadata</c> with the full <c>metadata</c> (the default; kubectl needs it for -A and --show-labels).</summary>
    Metadata,

    /// <summary>The whole object.</summary>
    Object,
}

/// <summary>Parsing of the <c>includeObject</c> query parameter.</summary>
public static class IncludeObjectPolicy
{
    /// <summary>
    /// <c>None</c>, <c>Metadata</c> or <c>Object</c> (exact case, as Kubernetes); absent or empty means <c>Metadata</c>.
    /// False for anything else, which Kubernetes answers with 400 Bad Request.
    /// </summary>
    public static bool TryParse(string? value, out IncludeObject policy)
    {
        policy = value switch
        {
            null or "" or "Metadata" => IncludeObject.Metadata,
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => (IncludeObject)(-1),
        };
        return Enum.IsDefined(policy);
    }
}
