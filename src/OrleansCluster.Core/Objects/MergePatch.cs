using System.Text.Json.Nodes;
using OrleansCluster.Core.Patching;

namespace OrleansCluster.Core.Objects;

/// <summary>JSON merge patch (RFC 7386): objects merge key by key, <c>null</c> removes, anything else replaces.</summary>
public static class MergePatch
{
    /// <summary>Applies <paramref name="patchJson"/> to <paramref name="targetJson"/>; throws <see cref="FormatException"/> on malformed JSON.</summary>
    public static string Apply(string targetJson, string patchJson)
    {
        var patch = PatchJson.Parse(patchJson, "the patch");
        var target = JsonNode.Parse(targetJson);
        return Merge(target, patch)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            if (value is JsonObject && result[key] is JsonObject existing)
            {
                Merge(existing, value);
            }
            else
            {
                result[key] = Merge(null, value);
            }
        }

        return result;
    }
}
