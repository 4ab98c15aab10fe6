using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>An RFC 6901 JSON pointer: <c>""</c> is the whole document, <c>~1</c> is <c>/</c> and <c>~0</c> is <c>~</c>.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether this is the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token; only for a pointer that is not the root.</summary>
    public string Last => Tokens[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new(text, []);
        }

        if (text[0] != '/')
        {
            throw new FormatException($"invalid JSON pointer \"{text}\": it must be empty or start with \"/\"");
        }

        var tokens = text[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], text);
        }

        return new(text, tokens);
    }

    /// <summary>Whether <paramref name="other"/> points inside the value this pointer names (a proper descendant).</summary>
    public bool IsProperPrefixOf(JsonPointer other) =>
        other.Tokens.Count > Tokens.Count && Tokens.SequenceEqual(other.Tokens.Take(Tokens.Count));

    /// <summary>The value that contains the target (the target's parent), or <c>null</c> when a step is missing.</summary>
    public JsonNode? ResolveParent(JsonNode? document)
    {
        var node = document;
        for (var i = 0; i < Tokens.Count - 1; i++)
        {
            if (!TryStep(node, Tokens[i], out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Resolves the whole pointer; <paramref name="value"/> may be a JSON null that exists.</summary>
    public bool TryResolve(JsonNode? document, out JsonNode? value)
    {
        value = document;
        foreach (var token in Tokens)
        {
            if (!TryStep(value, token, out value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An existing array index (no leading zeros, no sign), or -1.</summary>
    public static int ArrayIndex(string token, int count) =>
        token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0')
        && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count
            ? index
            : -1;

    public override string ToString() => Text;

    private static bool TryStep(JsonNode? node, string token, out JsonNode? next)
    {
        next = null;
        switch (node)
        {
            case JsonObject map:
                return map.TryGetPropertyValue(token, out next);
            case JsonArray list when ArrayIndex(token, list.Count) is var index and >= 0:
                next = list[index];
                return true;
            default:
                return false;
        }
    }

    private static string Unescape(string token, string text)
    {
        if (!token.Contains('~'))
        {
            return token;
        }

        var builder = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                builder.Append(token[i]);
                continue;
            }

            builder.Append(i + 1 < token.Length ? token[i + 1] switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new FormatException($"invalid JSON pointer \"{text}\": \"~\" must be followed by 0 or 1"),
            } : throw new FormatException($"invalid JSON pointer \"{text}\": \"~\" must be followed by 0 or 1"));
            i++;
        }

        return builder.ToString();
    }
}
