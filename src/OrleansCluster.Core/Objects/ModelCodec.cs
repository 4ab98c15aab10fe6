using System.Collections.Concurrent;
using System.Reflection;
using k8s;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Objects;

/// <summary>Kubernetes JSON to and from the official model types, chosen by <see cref="ResourceType"/>.</summary>
public static class ModelCodec
{
    private static readonly MethodInfo DeserializeOpen = typeof(KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(KubernetesJson.Deserialize)
            && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string));

    private static readonly ConcurrentDictionary<Type, Func<string, object?>> Parsers = new();

    /// <summary>Parses <paramref name="json"/> as the model of <paramref name="type"/>; throws <see cref="FormatException"/> on malformed input.</summary>
    public static IKubernetesObject<V1ObjectMeta> Parse(ResourceType type, string json)
    {
        var parse = Parsers.GetOrAdd(type.ModelType, t =>
        {
            var method = DeserializeOpen.MakeGenericMethod(t);
            return s => method.Invoke(null, [s, null]);
        });
        try
        {
            return parse(json) as IKubernetesObject<V1ObjectMeta>
                ?? throw new FormatException($"the body is not a {type.Kind} object");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null and not OutOfMemoryException)
        {
            // Whatever the model's converters throw on untrusted input (JsonException, InvalidOperationException for a
            // token of the wrong type, ...) means the body is malformed, never a server error.
            throw new FormatException(e.InnerException.Message, e.InnerException);
        }
    }

    /// <summary>The object as Kubernetes JSON.</summary>
    public static string Write(object obj) => KubernetesJson.Serialize(obj);

    /// <summary>A deep copy of any model value (a pod spec, a template), through JSON.</summary>
    public static T CloneModel<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>A deep copy, through JSON.</summary>
    public static IKubernetesObject<V1ObjectMeta> Clone(ResourceType type, IKubernetesObject<V1ObjectMeta> obj) =>
        Parse(type, Write(obj));
}
