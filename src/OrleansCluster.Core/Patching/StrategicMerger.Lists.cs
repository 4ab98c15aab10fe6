using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>Merged lists: objects matched on the merge key, primitives merged as a set, then ordered.</summary>
internal sealed partial class StrategicMerger
{
    private JsonArray MergeList(JsonArray? original, JsonArray patch, string path, ListStrategy strategy, JsonArray? order)
    {
        var originalKeys = original is null ? [] : OriginalKeys(original, strategy);
        var items = new List<JsonNode?>(original is null ? [] : Detach(original));
        if (patch.Any(e => IsListReplaceMarker(e, strategy, path)))
        {
            items.Clear();
        }

        // Position of each key in items (first occurrence): lookups stay linear for long lists.
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (KeyOf(items[i]!, strategy) is { } key)
            {
                positions.TryAdd(Text(key), i);
            }
        }

        foreach (var element in patch)
        {
            if (IsListReplaceMarker(element, strategy, path))
            {
                continue;
            }

            if (strategy.MergeKey is { } key)
            {
                MergeElement(items, positions, element, key, path);
            }
            else if (element is JsonObject or JsonArray)
            {
                throw new FormatException($"{path}: expected a list of primitive values, found an {PatchJson.KindOf(element)}");
            }
            else if (element is not null && positions.TryAdd(Text(element), items.Count))
            {
                items.Add(element.DeepClone());
            }
        }

        var merged = items.OfType<JsonNode>().ToList();
        return order is null ? [.. merged] : Reorder(merged, order, originalKeys, strategy, path);
    }

    private void MergeElement(List<JsonNode?> items, Dictionary<string, int> positions, JsonNode? element, string key, string path)
    {
        if (element is not JsonObject map)
        {
            throw new FormatException($"{path}: expected a list of objects merged by \"{key}\", found an element of type {PatchJson.KindOf(element)}");
        }

        if (map[key] is not { } value)
        {
            throw new FormatException($"{path}: an element does not contain the merge key \"{key}\": {map.ToJsonString()}");
        }

        var id = Text(value);
        var found = positions.TryGetValue(id, out var index);
        var merged = MergeMap(found ? (JsonObject)items[index]! : [], map, path);
        if (merged is null)
        {
            if (found)
            {
                items[index] = null;
                positions.Remove(id);
            }
        }
        else if (found)
        {
            items[index] = merged;
        }
        else
        {
            positions[id] = items.Count;
            items.Add(merged);
        }
    }

    /// <summary><c>{"$patch":"replace"}</c> without a merge key: the list is replaced by the other patch elements.</summary>
    private bool IsListReplaceMarker(JsonNode? element, ListStrategy strategy, string path) =>
        element is JsonObject map
        && (strategy.MergeKey is null || !map.ContainsKey(strategy.MergeKey))
        && PatchType(map, path) is var type && type is not null
        && (type == "replace" ? true : throw new FormatException($"{path}: \"$patch\": \"{type}\" needs the merge key \"{strategy.MergeKey}\""));

    /// <summary>
    /// Orders <paramref name="items"/>: those named by <paramref name="order"/> in its order, the others (only on the
    /// server, or added without being named) placed by their original position among them.
    /// </summary>
    private static JsonArray Reorder(List<JsonNode> items, JsonArray order, List<string?> originalKeys, ListStrategy strategy, string path)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in order)
        {
            ranks.TryAdd(Text(OrderKey(entry, strategy, path)), ranks.Count);
        }

        var originalIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < originalKeys.Count; i++)
        {
            if (originalKeys[i] is { } key)
            {
                originalIndex.TryAdd(key, i);
            }
        }

        string? IdOf(JsonNode item) => KeyOf(item, strategy) is { } key ? Text(key) : null;
        int Rank(JsonNode item) => IdOf(item) is { } id && ranks.TryGetValue(id, out var rank) ? rank : -1;
        int OriginalIndex(JsonNode item) => IdOf(item) is { } id && originalIndex.TryGetValue(id, out var at) ? at : int.MaxValue;

        var named = new Queue<JsonNode>(items.Where(i => Rank(i) >= 0).OrderBy(Rank));
        var others = new Queue<JsonNode>(items.Where(i => Rank(i) < 0));
        var result = new JsonArray();
        while (named.Count > 0 || others.Count > 0)
        {
            var takeOther = named.Count == 0
                || (others.Count > 0 && OriginalIndex(others.Peek()) < OriginalIndex(named.Peek()));
            result.Add(takeOther ? others.Dequeue() : named.Dequeue());
        }

        return result;
    }

    private static JsonNode? OrderKey(JsonNode? entry, ListStrategy strategy, string path)
    {
        if (strategy.MergeKey is not { } key)
        {
            return entry is JsonObject or JsonArray
                ? throw new FormatException($"{path}: \"$setElementOrder\" of a primitive list must list primitive values")
                : entry;
        }

        return (entry as JsonObject)?[key]
            ?? throw new FormatException($"{path}: every \"$setElementOrder\" entry needs the merge key \"{key}\"");
    }

    private static JsonNode? KeyOf(JsonNode item, ListStrategy strategy) =>
        strategy.MergeKey is { } key ? (item as JsonObject)?[key] : item;

    /// <summary>A key as text, for dictionary lookups (equal JSON values have equal text).</summary>
    private static string Text(JsonNode? key) => key?.ToJsonString() ?? "null";

    private static List<string?> OriginalKeys(JsonArray original, ListStrategy strategy) =>
        [.. original.Select(i => i is null || KeyOf(i, strategy) is not { } key ? null : Text(key))];

    /// <summary>The list's elements as free nodes that can move into a new list (nulls dropped).</summary>
    private static List<JsonNode> Detach(JsonArray list) => [.. list.OfType<JsonNode>().Select(n => n.DeepClone())];
}
