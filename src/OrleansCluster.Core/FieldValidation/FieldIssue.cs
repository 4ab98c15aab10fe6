namespace OrleansCluster.Core.FieldValidation;

/// <summary>Why a request field fails <c>fieldValidation</c>.</summary>
public enum FieldIssueKind
{
    /// <summary>The JSON property maps to no field of the model type; decoding would drop it.</summary>
    Unknown,

    /// <summary>The same key appears twice in one JSON object; decoding would keep only the last.</summary>
    Duplicate,
}

/// <summary>
/// One finding of <see cref="FieldValidator.Find(Type, string)"/>. <paramref name="Path"/> is written the way
/// Kubernetes writes it: dots between fields, <c>[i]</c> for list items, map keys as plain segments
/// (<c>spec.containers[0].imagee</c>, <c>metadata.labels.app</c>).
/// </summary>
public sealed record FieldIssue(FieldIssueKind Kind, string Path)
{
    /// <summary>Kubernetes' wording: <c>unknown field "spec.foo"</c> or <c>duplicate field "metadata.name"</c>.</summary>
    public string Message => Kind switch
    {
        FieldIssueKind.Unknown => $"unknown field \"{Path}\"",
        _ => $"duplicate field \"{Path}\"",
    };

    public override string ToString() => Message;
}
