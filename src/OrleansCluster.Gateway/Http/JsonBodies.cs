using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Gateway.Http;

/// <summary>
/// JSON request bodies read as the API server reads them: a repeated member keeps its last value (fieldValidation
/// Strict refuses it before this point; Warn and Ignore accept it). <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// would instead fail on first access to such an object.
/// </summary>
public static class JsonBodies
{
    /// <summary>Parses <paramref name="json"/>; throws <see cref="JsonException"/> when it is not JSON or holds a string that is not text.</summary>
    public static JsonNode? Parse(string json) => JsonTree.Parse(json);

    /// <summary>
    /// <c>metadata.name</c> when <paramref name="json"/> is an object with a non-empty name and no string escape
    /// (<c>\u</c>), so the text can be passed on unchanged; otherwise null (the caller takes the general path,
    /// which also reports what is wrong). Malformed JSON is null too. Pass the text on only once it is also known to have no repeated member.
    /// </summary>
    public static string? NamedObject(string json)
    {
        if (json.Contains("\\u", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && name.GetString() is { Length: > 0 } value ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
