using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Discovery;

/// <summary>
/// OpenAPI schemas of the model types, read from their JSON property names, so that <c>kubectl explain</c>
/// can walk a kind's fields. Named as Kubernetes names them (<c>io.k8s.api.core.v1.PodSpec</c>).
/// </summary>
internal sealed class OpenApiSchemas
{
    private readonly JsonObject schemas = [];
    private readonly Dictionary<Type, string> names = [];
    private string group = "core";

    /// <summary>Adds the schema of a kind's model type (and of every type it reaches); returns its name.</summary>
    public string Add(Type modelType, ResourceType kind)
    {
        // Types reached from a kind are named in its API group (io.k8s.api.coordination.v1.LeaseSpec).
        group = kind.Group.Length == 0 ? "core" : kind.Group.Split('.')[0];
        var name = Reference(modelType);
        if (schemas[name] is JsonObject schema)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
            {
                ["group"] = kind.Group,
                ["version"] = kind.Version,
                ["kind"] = kind.Kind,
            });
        }

        return name;
    }

    public JsonObject ToJson() => schemas;

    private string Reference(Type type)
    {
        if (names.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = NameOf(type);
        names[type] = name;
        var properties = new JsonObject();
        schemas[name] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } json)
            {
                properties[json.Name] = SchemaOf(property.PropertyType);
            }
        }

        return name;
    }

    private JsonNode SchemaOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(IntOrString) || type == typeof(ResourceQuantity))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = type == typeof(DateTime) ? "date-time" : "byte" };
        }

        if (type.IsGenericType && typeof(IDictionary).IsAssignableFrom(type) || Implements(type, typeof(IDictionary<,>)))
        {
            var value = type.GetGenericArguments().Last();
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaOf(value) };
        }

        if (type != typeof(string) && Implements(type, typeof(IEnumerable<>)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(element) };
        }

        if (type.Namespace == "k8s.Models" && type.IsClass)
        {
            return new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{Reference(type)}" }) };
        }

        return new JsonObject { ["type"] = "object" };
    }

    private static bool Implements(Type type, Type openGeneric) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == openGeneric)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);

    private string NameOf(Type type)
    {
        var name = type.Name;
        var bare = name.StartsWith("V1", StringComparison.Ordinal) ? name[2..]
            : name.StartsWith("Corev1", StringComparison.Ordinal) ? name[6..]
            : name;
        var meta = bare is "ObjectMeta" or "OwnerReference" or "ManagedFieldsEntry" or "ListMeta" or "LabelSelector" or "LabelSelectorRequirement";
        return meta ? $"io.k8s.apimachinery.pkg.apis.meta.v1.{bare}" : $"io.k8s.api.{group}.v1.{bare}";
    }
}
