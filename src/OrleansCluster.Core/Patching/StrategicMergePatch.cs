using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) as the Kubernetes API server applies it to
/// built-in kinds: RFC 7386 merge (<c>null</c> removes a field), except that the lists listed in
/// <see cref="PatchStrategies"/> merge element by element (by merge key, or as a set of primitives) while every other
/// list is replaced whole. Directives:
/// <list type="bullet">
/// <item><c>"$patch": "replace"</c> in a map replaces the map with the rest of the patch map; as an element of a merged
///   list without the merge key (<c>{"$patch":"replace"}</c>), replaces the list with the other patch elements.</item>
/// <item><c>"$patch": "delete"</c> in a map removes it; in a merged list element (<c>{"$patch":"delete","name":"b"}</c>)
///   removes the element with that key. <c>"$patch": "merge"</c> is the default and changes nothing.</item>
/// <item><c>"$setElementOrder/&lt;list&gt;": [...]</c> orders the merged list like the given keys (or values); elements
///   only on the server keep their place relative to the original order.</item>
/// <item><c>"$retainKeys": [...]</c> removes the map's other fields before the patch is merged.</item>
/// <item><c>"$deleteFromPrimitiveList/&lt;list&gt;": [...]</c> removes those values from a primitive list.</item>
/// </list>
/// Lists of a patch that are new on the server are still read through the directives (a delete of a missing
/// element is a no-op, nulls are dropped). Malformed JSON, an unknown or ill-typed directive, or a merged-list element
/// without its merge key is a <see cref="FormatException"/> (HTTP 400), and nothing is half applied since the result is a new document.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patchJson"/> to <paramref name="originalJson"/>, an object of <paramref name="kind"/> (e.g. <c>Deployment</c>).</summary>
    public static string Apply(string kind, string originalJson, string patchJson)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var original = PatchJson.ParseObject(originalJson, "the object");
        var patch = PatchJson.ParseObject(patchJson, "the patch");
        var merger = new StrategicMerger(PatchStrategies.For(kind), directives: true);
        return (merger.MergeMap(original, patch, "") ?? []).ToJsonString();
    }
}
