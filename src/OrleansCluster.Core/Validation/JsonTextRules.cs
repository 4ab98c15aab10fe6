using System.Text.Json;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Rules on an object's JSON text that hold for every kind, checked before the text becomes a model:
/// <list type="bullet">
/// <item>No string and no member name holds U+0000. PostgreSQL's text cannot store it, a container's command, args
/// and environment cannot carry it (they are C strings), and no name, label or image may contain it; so it is refused
/// everywhere rather than stored in some fields and not others.</item>
/// <item>No list item is <c>null</c>: an item is an object or a value, and a <c>null</c> one would reach defaulting and
/// validation as a hole (<c>"ports":[null]</c>).</item>
/// </list>
/// Both scans start with a cheap look at the text, so clean objects cost one pass over it.
/// </summary>
public static class JsonTextRules
{
    private const int MaxDepth = 256;

    public static IReadOnlyList<FieldError> Validate(string json)
    {
        var mayHaveNul = json.Contains("\\u0000", StringComparison.Ordinal);
        var mayHaveNullItem = json.Contains("null", StringComparison.Ordinal);
        if (!mayHaveNul && !mayHaveNullItem)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var errors = new List<FieldError>();
            Walk(document.RootElement, "", mayHaveNul, errors);
            return errors;
        }
        catch (JsonException)
        {
            // Malformed text is reported by the parse that follows, with its own message.
            return [];
        }
    }

    private static void Walk(JsonElement element, string path, bool nul, List<FieldError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (nul && member.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        errors.Add(FieldError.Invalid(path.Length == 0 ? "<root>" : path, Printable(member.Name), "a key may not contain a NUL character (\\u0000)"));
                    }

                    Walk(member.Value, field, nul, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var field = $"{path}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        errors.Add(FieldError.Required(field, "a list item may not be null"));
                    }

                    Walk(item, field, nul, errors);
                }

                break;
            case JsonValueKind.String:
                if (nul && ContainsNul(element))
                {
                    errors.Add(FieldError.Invalid(path, Printable(element.GetString()!), "may not contain a NUL character (\\u0000)"));
                }

                break;
        }
    }

    private static bool ContainsNul(JsonElement element)
    {
        try
        {
            return element.GetString()!.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // Not valid UTF-16: the model's parse refuses it.
            return false;
        }
    }

    /// <summary>The value as the error shows it: NUL written as <c>\0</c>, at most 64 characters.</summary>
    private static string Printable(string value)
    {
        var text = value.Replace("\0", "\\0", StringComparison.Ordinal);
        return text.Length > 64 ? text[..64] + "..." : text;
    }
}
