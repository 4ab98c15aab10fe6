using System.Collections.Concurrent;
using System.Reflection;
using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Objects;

/// <summary>Reaches the <c>spec</c> and <c>status</c> of any model type, for the rules that treat them apart.</summary>
public static class ObjectShape
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public static bool HasStatus(IKubernetesObject<V1ObjectMeta> obj) => Property(obj, "Status") is not null;

    public static object? GetSpec(IKubernetesObject<V1ObjectMeta> obj) => Property(obj, "Spec")?.GetValue(obj);

    public static object? GetStatus(IKubernetesObject<V1ObjectMeta> obj) => Property(obj, "Status")?.GetValue(obj);

    public static void SetStatus(IKubernetesObject<V1ObjectMeta> obj, object? status) =>
        Property(obj, "Status")?.SetValue(obj, status);

    /// <summary>
    /// The part of the object whose change bumps <c>metadata.generation</c>: the spec, or for kinds
    /// without one everything but type, metadata and status.
    /// </summary>
    public static string DesiredStateJson(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (Property(obj, "Spec") is { } spec)
        {
            return ModelCodec.Write(spec.GetValue(obj) ?? new object());
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(ModelCodec.Write(obj))!.AsObject();
        foreach (var notDesired in (string[])["apiVersion", "kind", "metadata", "status"])
        {
            node.Remove(notDesired);
        }

        return node.ToJsonString();
    }

    private static PropertyInfo? Property(object obj, string name) =>
        Properties.GetOrAdd((obj.GetType(), name), key => key.Item1.GetProperty(key.Item2));
}
