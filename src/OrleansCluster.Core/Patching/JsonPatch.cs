using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// JSON patch (RFC 6902, <c>application/json-patch+json</c>): a list of <c>add</c>, <c>remove</c>, <c>replace</c>,
/// <c>move</c>, <c>copy</c> and <c>test</c> operations applied in order, all or nothing. Paths are RFC 6901 pointers
/// (<c>~0</c>, <c>~1</c>; <c>-</c> appends to an array). Members other than op/path/from/value are ignored. Any failure
/// (malformed JSON, a missing target, a failed test, more than <see cref="MaxOperations"/> operations) is a
/// <see cref="FormatException"/> worded like the Kubernetes API server's; one raised while applying an operation is a
/// <see cref="PatchNotApplicableException"/> (422 in Kubernetes, where a patch that does not decode is 400).
/// </summary>
public static class JsonPatch
{
    /// <summary>The API server's limit on the operations of one patch.</summary>
    public const int MaxOperations = 10000;

    /// <summary>How deep the patched document may nest (as deep as the JSON reader accepts).</summary>
    public const int MaxDepth = 256;

    /// <summary>How many JSON values all <c>copy</c> operations of one patch may copy together, so that copying a
    /// document into itself again and again cannot grow it exponentially.</summary>
    public const int MaxCopiedValues = 100_000;

    /// <summary>Applies <paramref name="patchJson"/> to <paramref name="originalJson"/> and returns the new document.</summary>
    public static string Apply(string originalJson, string patchJson)
    {
        var document = PatchJson.Parse(originalJson, "the object");
        if (PatchJson.Parse(patchJson, "the patch") is not JsonArray operations)
        {
            throw new FormatException("a JSON patch must be a list of operations");
        }

        if (operations.Count > MaxOperations)
        {
            throw new FormatException($"The allowed maximum operations in a JSON patch is {MaxOperations}, got: {operations.Count}");
        }

        var copied = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] as JsonObject ?? throw new FormatException($"operation {i} of the JSON patch is not an object");
            try
            {
                document = ApplyOne(document, operation, i, ref copied);
            }
            catch (FormatException e) when (e is not PatchNotApplicableException)
            {
                throw new PatchNotApplicableException(e.Message, e);
            }
        }

        return document?.ToJsonString() ?? "null";
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonObject operation, int index, ref int copied)
    {
        var op = StringMember(operation, "op", index);
        var path = JsonPointer.Parse(StringMember(operation, "path", index));
        switch (op)
        {
            case "add":
                return Add(document, path, Value(operation, op, index));
            case "remove":
                Remove(document, path);
                return document;
            case "replace":
                return Replace(document, path, Value(operation, op, index));
            case "move":
                var from = JsonPointer.Parse(StringMember(operation, "from", index));
                if (from.IsProperPrefixOf(path))
                {
                    throw new FormatException($"cannot move \"{from}\" into its own child \"{path}\"");
                }

                if (!from.TryResolve(document, out _))
                {
                    throw new FormatException($"doc is missing from path: \"{from}\": missing value");
                }

                return from.Tokens.SequenceEqual(path.Tokens) ? document : Add(document, path, Remove(document, from));
            case "copy":
                var source = JsonPointer.Parse(StringMember(operation, "from", index));
                if (!source.TryResolve(document, out var value))
                {
                    throw new FormatException($"doc is missing from path: \"{source}\": missing value");
                }

                copied += Measure(value).Values;
                return copied <= MaxCopiedValues
                    ? Add(document, path, value?.DeepClone())
                    : throw new FormatException($"the JSON patch copies more than {MaxCopiedValues} values in total");
            case "test":
                var expected = Value(operation, op, index);
                return path.TryResolve(document, out var actual) && JsonNode.DeepEquals(actual, expected)
                    ? document
                    : throw new FormatException($"testing value {path} failed: test failed");
            default:
                throw new FormatException($"Unexpected kind: \"{op}\" (operation {index} of the JSON patch)");
        }
    }

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        CheckDepth(path, value);
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject map:
                map[path.Last] = value;
                return document;
            case JsonArray list:
                if (path.Last == "-")
                {
                    list.Add(value);
                }
                else
                {
                    list.Insert(ValidIndex(path, list.Count + 1), value);
                }

                return document;
            default:
                throw Missing(path);
        }
    }

    /// <summary>Removes the target and returns it, detached.</summary>
    private static JsonNode? Remove(JsonNode? document, JsonPointer path)
    {
        if (path.IsRoot)
        {
            throw new FormatException("unable to remove the whole document");
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject map when map.TryGetPropertyValue(path.Last, out var removed):
                map.Remove(path.Last);
                return removed;
            case JsonArray list:
                var index = ValidIndex(path, list.Count);
                var item = list[index];
                list.RemoveAt(index);
                return item;
            default:
                throw Missing(path);
        }
    }

    private static JsonNode? Replace(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        CheckDepth(path, value);
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject map when map.ContainsKey(path.Last):
                map[path.Last] = value;
                return document;
            case JsonArray list:
                list[ValidIndex(path, list.Count)] = value;
                return document;
            default:
                throw Missing(path);
        }
    }

    private static void CheckDepth(JsonPointer path, JsonNode? value)
    {
        if (path.Tokens.Count + Measure(value).Depth > MaxDepth)
        {
            throw new FormatException($"the value at \"{path}\" would nest the document more than {MaxDepth} levels deep");
        }
    }

    /// <summary>Depth and number of values of <paramref name="node"/>, walked without recursion.</summary>
    private static (int Depth, int Values) Measure(JsonNode? node)
    {
        var (depth, values) = (0, 0);
        var pending = new Stack<(JsonNode? Node, int Level)>([(node, 1)]);
        while (pending.TryPop(out var next))
        {
            values++;
            depth = Math.Max(depth, next.Level);
            IEnumerable<JsonNode?> children = next.Node switch
            {
                JsonObject map => map.Select(p => p.Value),
                JsonArray list => list,
                _ => [],
            };
            foreach (var child in children)
            {
                pending.Push((child, next.Level + 1));
            }
        }

        return (depth, values);
    }

    private static int ValidIndex(JsonPointer path, int count) =>
        JsonPointer.ArrayIndex(path.Last, count) is var index and >= 0
            ? index
            : throw new FormatException($"Unable to access invalid index: {path.Last}: invalid index referenced (path \"{path}\")");

    private static FormatException Missing(JsonPointer path) => new($"doc is missing path: \"{path}\": missing value");

    private static string StringMember(JsonObject operation, string name, int index) =>
        operation[name] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new FormatException($"operation {index} of the JSON patch has no string \"{name}\"");

    private static JsonNode? Value(JsonObject operation, string op, int index) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new FormatException($"operation {index} of the JSON patch ({op}) has no \"value\"");
}
