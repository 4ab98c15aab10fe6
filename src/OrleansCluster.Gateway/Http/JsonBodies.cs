using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansCluster.Gateway.Http;

/// <summary>
/// JSON request bodies read as the API server reads them: a repeated member keeps its last value (fieldValidation
/// Strict refuses it before this point; Warn and Ignore accept it). <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// would instead fail on first access to such an object.
/// </summary>
public static class JsonBodies
{
    /// <summary>Parses <paramref name="json"/>; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonNode? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            return Convert(document.RootElement);
        }
        catch (InvalidOperationException e)
        {
            // A string escape JSON's grammar allows but UTF-16 does not (a lone surrogate, "\ud83d"): not usable text.
            throw new JsonException($"invalid string in the body: {e.Message}", e);
        }
    }

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

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new JsonObject();
                foreach (var member in element.EnumerateObject())
                {
                    map[member.Name] = Convert(member.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item));
                }

                return list;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                // Unescaped now, so that a string that is not valid UTF-16 fails here rather than on serialization.
                return JsonValue.Create(element.GetString());
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
