using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// The merge walk shared by strategic merge patch and server-side apply: maps merge key by key, lists follow
/// <paramref name="table"/>. With <paramref name="directives"/> off, every <c>$</c> key is rejected and merged lists
/// take the order of the applied list (server-side apply); with it on, <c>$patch</c> and friends are honoured.
/// Works in place on <c>original</c>; patch nodes are copied, never moved.
/// </summary>
internal sealed partial class StrategicMerger(IReadOnlyDictionary<string, ListStrategy> table, bool directives)
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>; <c>null</c> means the map is deleted.</summary>
    public JsonObject? MergeMap(JsonObject original, JsonObject patch, string path)
    {
        switch (PatchType(patch, path))
        {
            case "replace":
                var rest = (JsonObject)patch.DeepClone();
                rest.Remove(PatchDirective);
                return MergeMap([], rest, path);
            case "delete":
                return null;
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                ApplyMapDirective(original, key, value, path);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var existing = original[key];
            var order = directives ? OrderFor(patch, key, path) : value as JsonArray;
            var merged = MergeValue(existing, value, Child(path, key), order);
            if (merged is null)
            {
                original.Remove(key);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                original[key] = merged;
            }
        }

        // An order for a list the patch does not otherwise touch.
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal)
                && key[SetElementOrder.Length..] is var field && !patch.ContainsKey(field)
                && original[field] is JsonArray list && table.Find(Child(path, field)) is { } strategy)
            {
                original[field] = Reorder(Detach(list), (JsonArray)value!, OriginalKeys(list, strategy), strategy, Child(path, field));
            }
        }

        return original;
    }

    private JsonNode? MergeValue(JsonNode? original, JsonNode patch, string path, JsonArray? order) => patch switch
    {
        JsonObject map => MergeMap(original as JsonObject ?? [], map, path),
        JsonArray list when table.Find(path) is { } strategy => MergeList(original as JsonArray, list, path, strategy, order),
        _ => patch.DeepClone(),
    };

    private void ApplyMapDirective(JsonObject original, string key, JsonNode? value, string path)
    {
        if (!directives)
        {
            throw new FormatException($"{Where(path)}the field \"{key}\" is a patch directive, not allowed here");
        }

        if (key == PatchDirective)
        {
            return;
        }

        if (key == RetainKeys)
        {
            var keep = Strings(value, key, path);
            foreach (var name in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(name);
            }
        }
        else if (key.StartsWith(SetElementOrder, StringComparison.Ordinal) && key.Length > SetElementOrder.Length)
        {
            _ = value as JsonArray ?? throw new FormatException($"{Where(path)}\"{key}\" must be a list");
        }
        else if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) && key.Length > DeleteFromPrimitiveList.Length)
        {
            var field = key[DeleteFromPrimitiveList.Length..];
            var remove = value as JsonArray ?? throw new FormatException($"{Where(path)}\"{key}\" must be a list");
            if (original[field] is JsonArray list)
            {
                var doomed = remove.Select(Text).ToHashSet(StringComparer.Ordinal);
                original[field] = new JsonArray([.. Detach(list).Where(i => !doomed.Contains(Text(i)))]);
            }
        }
        else
        {
            throw new FormatException($"{Where(path)}unknown patch directive \"{key}\"");
        }
    }

    /// <summary>The value of <c>$patch</c> in <paramref name="map"/>, or <c>null</c>; throws when it is not a known directive.</summary>
    private string? PatchType(JsonObject map, string path)
    {
        if (!map.TryGetPropertyValue(PatchDirective, out var value))
        {
            return null;
        }

        if (!directives)
        {
            throw new FormatException($"{Where(path)}the field \"{PatchDirective}\" is a patch directive, not allowed here");
        }

        var type = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return type is "replace" or "delete" or "merge"
            ? type
            : throw new FormatException($"{Where(path)}unknown patch type: {value?.ToJsonString() ?? "null"} in {PatchDirective}");
    }

    private static JsonArray? OrderFor(JsonObject patch, string field, string path) =>
        patch[SetElementOrder + field] switch
        {
            null => null,
            JsonArray order => order,
            _ => throw new FormatException($"{Where(path)}\"{SetElementOrder}{field}\" must be a list"),
        };

    private static HashSet<string> Strings(JsonNode? value, string key, string path)
    {
        if (value is not JsonArray list)
        {
            throw new FormatException($"{Where(path)}\"{key}\" must be a list of strings");
        }

        return [.. list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new FormatException($"{Where(path)}\"{key}\" must be a list of strings"))];
    }

    private static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Where(string path) => path.Length == 0 ? "" : $"{path}: ";
}
