using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Objects;

/// <summary>
/// JSON text to a mutable tree, built eagerly. <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// defers work to first access, so a repeated member or a string that is not valid UTF-16 (a lone surrogate,
/// <c>"\ud800"</c>) would surface later as an <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>
/// wherever the tree is read; here every such problem is a <see cref="JsonException"/> from the parse itself.
/// A repeated member keeps its last value unless <paramref name="options"/> refuses duplicates.
/// </summary>
public static class JsonTree
{
    /// <exception cref="JsonException">the text is not JSON, repeats a member the options refuse, or holds a string that is not text.</exception>
    public static JsonNode? Parse(string json, JsonDocumentOptions options = default)
    {
        using var document = JsonDocument.Parse(json, options);
        try
        {
            return Convert(document.RootElement);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"invalid string: {e.Message}", e);
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
