using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) for a single field manager: the applied configuration
/// (YAML, or JSON as kubectl sends it) is merged into the live object the way a strategic merge patch without
/// directives would be: maps key by key, lists with a merge key in <see cref="PatchStrategies"/> by key (taking the
/// applied order; live-only elements keep their place), primitive merge lists as sets, all other lists replaced.
/// Without a live object the applied configuration is the new object.
/// <para>
/// Not implemented: <c>metadata.managedFields</c> and field ownership. So there are no conflicts between managers
/// (<c>force</c> has nothing to do), and a field or list element dropped from a later configuration stays on the
/// live object instead of being removed. An explicit <c>null</c> removes the field, as in a merge patch.
/// <c>$</c> patch directives are not allowed in an applied configuration.
/// </para>
/// </summary>
public static class ServerSideApply
{
    /// <summary>
    /// The object after applying <paramref name="appliedBody"/> to <paramref name="liveJson"/> (<c>null</c> when the object
    /// does not exist yet), as JSON. Throws <see cref="FormatException"/> for malformed YAML or JSON, a body that is not a
    /// single object, or a patch directive.
    /// </summary>
    public static string Apply(string kind, string? liveJson, string appliedBody)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(appliedBody);
        var applied = ParseBody(appliedBody) as JsonObject
            ?? throw new FormatException("the applied configuration must be an object");
        var live = liveJson is null ? [] : PatchJson.ParseObject(liveJson, "the live object");
        var merger = new StrategicMerger(PatchStrategies.For(kind), directives: false);
        return (merger.MergeMap(live, applied, "") ?? []).ToJsonString();
    }

    // JSON is YAML, but parsing it as JSON keeps its numbers exact; a flow mapping such as {a: 1} falls back to YAML.
    private static JsonNode? ParseBody(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            try
            {
                return PatchJson.Parse(body, "the applied configuration");
            }
            catch (FormatException) when (TryYaml(body) is { } yaml)
            {
                return yaml;
            }
        }

        return YamlJson.Parse(body, "the applied configuration");
    }

    private static JsonNode? TryYaml(string body)
    {
        try
        {
            return YamlJson.Parse(body, "the applied configuration");
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
