using System.Text.Json.Nodes;
using k8s;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Compares model objects by their wire form. The generated model records compare lists by reference,
/// and an absent list and an empty one mean the same thing on the wire, so neither equality will do.
/// </summary>
public static class JsonComparison
{
    /// <summary>The top-level properties whose values differ, in sorted order; empty when the objects are equal.</summary>
    public static IReadOnlyList<string> ChangedProperties(object? a, object? b)
    {
        var left = Normalize(a) as JsonObject ?? [];
        var right = Normalize(b) as JsonObject ?? [];
        return left.Select(p => p.Key).Union(right.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(left[key], right[key]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static JsonNode? Normalize(object? value) =>
        value is null ? null : Prune(JsonNode.Parse(KubernetesJson.Serialize(value)));

    // Drops nulls and empty collections so that "unset" and "set to empty" compare equal.
    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = Prune(obj[key]);
                    if (child is null)
                    {
                        obj.Remove(key);
                    }
                }

                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    Prune(array[i]);
                }

                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }
}
