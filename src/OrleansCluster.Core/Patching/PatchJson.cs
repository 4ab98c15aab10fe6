using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Patching;

/// <summary>Parsing shared by the patch engines: every malformed input becomes a <see cref="FormatException"/> (HTTP 400).</summary>
internal static class PatchJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256, AllowDuplicateProperties = false };

    /// <summary>Parses <paramref name="json"/>; <paramref name="what"/> names it in the error ("the patch", "the object").</summary>
    public static JsonNode? Parse(string json, string what)
    {
        try
        {
            return JsonTree.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses a JSON object or throws.</summary>
    public static JsonObject ParseObject(string json, string what) =>
        Parse(json, what) as JsonObject ?? throw new FormatException($"{what} must be a JSON object");

    /// <summary>The JSON type name used in error messages.</summary>
    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
