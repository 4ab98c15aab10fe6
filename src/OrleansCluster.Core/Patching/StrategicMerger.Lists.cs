using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>Merged lists: objects matched on the merge key, primitives merged as a set, then ordered.</summary>
internal sealed partial class StrategicMerger
{
    private JsonArray MergeList(JsonArray? original, JsonArray patch, string path, ListStrategy strategy, JsonArray? order)
    {
        var originalKeys = original is null ? [] : OriginalKeys(original, strategy);
        var items = original is null ? [] : Detach(original);
        if (patch.Any(e => IsListReplaceMarker(e, strategy, path)))
        {
            items.Clear();
        }

        foreach (var element in patch)
        {
            if (IsListReplaceMarker(element, strategy, path))
            {
                continue;
            }

            if (strategy.MergeKey is { } key)
            {
                MergeElement(items, element, key, path);
            }
            else if (element is JsonObject or JsonArray)
            {
                throw new FormatException($"{path}: expected a list of primitive values, found an {PatchJson.KindOf(element)}");
            }
            else if (element is not null && !items.Any(i => JsonNode.DeepEquals(i, element)))
            {
                items.Add(element.DeepClone());
            }
        }

        return order is null ? [.. items] : Reorder(items, order, originalKeys, strategy, path);
    }

    private void MergeElement(List<JsonNode> items, JsonNode? element, string key, string path)
    {
        if (element is not JsonObject map)
        {
            throw new FormatException($"{path}: expected a list of objects merged by \"{key}\", found an element of type {PatchJson.KindOf(element)}");
        }

        if (map[key] is not { } value)
        {
            throw new FormatException($"{path}: an element does not contain the merge key \"{key}\": {map.ToJsonString()}");
        }

        var index = items.FindIndex(i => i is JsonObject o && JsonNode.DeepEquals(o[key], value));
        var merged = MergeMap(index >= 0 ? (JsonObject)items[index] : [], map, path);
        if (merged is null)
        {
            items.RemoveAll(i => i is JsonObject o && JsonNode.DeepEquals(o[key], value));
        }
        else if (index >= 0)
        {
            items[index] = merged;
        }
        else
        {
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
    private static JsonArray Reorder(List<JsonNode> items, JsonArray order, List<JsonNode?> originalKeys, ListStrategy strategy, string path)
    {
        var orderKeys = order.Select(o => OrderKey(o, strategy, path)).ToList();
        int Rank(JsonNode item) => orderKeys.FindIndex(k => JsonNode.DeepEquals(k, KeyOf(item, strategy)));
        int OriginalIndex(JsonNode item)
        {
            var index = originalKeys.FindIndex(k => JsonNode.DeepEquals(k, KeyOf(item, strategy)));
            return index < 0 ? int.MaxValue : index;
        }

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

    private static List<JsonNode?> OriginalKeys(JsonArray original, ListStrategy strategy) =>
        [.. original.Select(i => i is null ? null : KeyOf(i, strategy)?.DeepClone())];

    /// <summary>The list's elements as free nodes that can move into a new list (nulls dropped).</summary>
    private static List<JsonNode> Detach(JsonArray list) => [.. list.OfType<JsonNode>().Select(n => n.DeepClone())];
}
