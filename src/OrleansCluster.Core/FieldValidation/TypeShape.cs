using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansCluster.Core.FieldValidation;

/// <summary>How a model type looks on the JSON side: which keys an object may hold, or what a list or map holds.</summary>
internal enum ShapeKind
{
    /// <summary>A scalar, or a type with its own converter (IntOrString, ResourceQuantity, DateTime, byte[]).</summary>
    Leaf,

    /// <summary>Free-form JSON (<c>object</c>, <c>JsonElement</c>): any keys, only duplicates are findings.</summary>
    Any,

    Object,
    List,
    Map,
}

/// <summary>The JSON shape of one CLR type, computed once by reflection and cached.</summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Cache = new();
    private static readonly Lazy<TypeShape> AnyShape = new(() => new TypeShape(ShapeKind.Any));

    // Element and field shapes resolve on first use: model types refer to themselves (JSONSchemaProps),
    // so resolving eagerly would never finish.
    private readonly Type? _element;
    private readonly FrozenDictionary<string, Type>? _fields;
    private TypeShape? _elementShape;

    private TypeShape(ShapeKind kind, Type? element = null, FrozenDictionary<string, Type>? fields = null)
    {
        Kind = kind;
        _element = element;
        _fields = fields;
    }

    public ShapeKind Kind { get; }

    public static TypeShape Any => AnyShape.Value;

    /// <summary>The shape of list items or map values.</summary>
    public TypeShape Element => _elementShape ??= For(_element!);

    public static TypeShape For(Type type) => Cache.GetOrAdd(type, Build);

    /// <summary>The shape of the field named <paramref name="jsonName"/> (exact, case-sensitive, as Kubernetes matches).</summary>
    public bool TryGetField(string jsonName, out TypeShape shape)
    {
        if (_fields!.TryGetValue(jsonName, out var type))
        {
            shape = For(type);
            return true;
        }

        shape = Any;
        return false;
    }

    private static TypeShape Build(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonDocument) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return Any;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(byte[])
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid)
            || type.GetCustomAttribute<JsonConverterAttribute>() is not null)
        {
            return new TypeShape(ShapeKind.Leaf);
        }

        if (MapValueType(type) is { } value)
        {
            return new TypeShape(ShapeKind.Map, value);
        }

        if (ListItemType(type) is { } item)
        {
            return new TypeShape(ShapeKind.List, item);
        }

        return ObjectShape(type);
    }

    private static TypeShape ObjectShape(Type type)
    {
        var fields = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                return Any; // the type takes any extra key
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            fields[name] = property.PropertyType;
        }

        return new TypeShape(ShapeKind.Object, fields: fields.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static Type? MapValueType(Type type) => GenericArgument(type, typeof(IDictionary<,>), 1)
        ?? GenericArgument(type, typeof(IReadOnlyDictionary<,>), 1);

    private static Type? ListItemType(Type type) => type.IsArray ? type.GetElementType() : GenericArgument(type, typeof(IEnumerable<>), 0);

    private static Type? GenericArgument(Type type, Type openInterface, int index)
    {
        var candidates = type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces();
        var match = candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
        return match?.GetGenericArguments()[index];
    }
}
