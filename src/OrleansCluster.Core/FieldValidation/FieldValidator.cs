using System.Text;
using System.Text.Json;

namespace OrleansCluster.Core.FieldValidation;

/// <summary>
/// Finds what <c>fieldValidation</c> is about: JSON properties that map to no field of the model type, and keys repeated
/// within one JSON object (System.Text.Json would silently keep the last). It reads the raw bytes once with
/// <see cref="Utf8JsonReader"/>, guided by the model's cached <see cref="TypeShape"/>, and never builds the object.
/// </summary>
public static class FieldValidator
{
    private const int MaxDepth = 128;

    /// <summary>Every finding in document order; empty when the body is clean.</summary>
    /// <exception cref="FormatException">The body is not well-formed JSON.</exception>
    public static IReadOnlyList<FieldIssue> Find(Type modelType, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Find(modelType, Encoding.UTF8.GetBytes(json));
    }

    /// <inheritdoc cref="Find(Type, string)"/>
    public static IReadOnlyList<FieldIssue> Find(Type modelType, ReadOnlySpan<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        var issues = new List<FieldIssue>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw new FormatException("the body is empty");
            }

            Walk(ref reader, TypeShape.For(modelType), "", issues);
            if (reader.Read())
            {
                throw new FormatException($"unexpected data after the JSON value at byte {reader.TokenStartIndex}");
            }
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }

        return issues;
    }

    // On entry the reader is on the first token of a value; on exit, on its last token.
    private static void Walk(ref Utf8JsonReader reader, TypeShape shape, string path, List<FieldIssue> issues)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WalkObject(ref reader, shape, path, issues);
                break;
            case JsonTokenType.StartArray:
                var item = shape.Kind == ShapeKind.List ? shape.Element : TypeShape.Any;
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    Walk(ref reader, item, $"{path}[{i}]", issues);
                }

                break;
        }
    }

    private static void WalkObject(ref Utf8JsonReader reader, TypeShape shape, string path, List<FieldIssue> issues)
    {
        // A mismatched token (an object where a string or list belongs) is the decoder's error to report, not ours:
        // look inside only for duplicates.
        if (shape.Kind is not (ShapeKind.Object or ShapeKind.Map))
        {
            shape = TypeShape.Any;
        }

        HashSet<string>? seen = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
            {
                issues.Add(new FieldIssue(FieldIssueKind.Duplicate, Join(path, name)));
            }

            TypeShape child;
            switch (shape.Kind)
            {
                case ShapeKind.Map:
                    child = shape.Element;
                    break;
                case ShapeKind.Object when shape.TryGetField(name, out child):
                    break;
                case ShapeKind.Object:
                    // Kubernetes drops an unknown field's value unread, so nothing inside it is reported.
                    issues.Add(new FieldIssue(FieldIssueKind.Unknown, Join(path, name)));
                    reader.Skip();
                    continue;
                default:
                    child = TypeShape.Any;
                    break;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                Walk(ref reader, child.Kind == ShapeKind.Leaf ? TypeShape.Any : child, Join(path, name), issues);
            }
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
