using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// Builds the <c>meta.k8s.io/v1</c> Table that kubectl asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>: every column (wide ones too, with priority 1),
/// one row of cells per object, and in each row the object's metadata as a <c>PartialObjectMetadata</c>.
/// </summary>
public static class TablePrinter
{
    private const string MetaApiVersion = "meta.k8s.io/v1";

    /// <summary>The Table for a list; <paramref name="resourceVersion"/> is the list's (kubectl watches from it).</summary>
    public static JsonObject Print(
        ResourceType type,
        IEnumerable<IKubernetesObject<V1ObjectMeta>> objects,
        string? resourceVersion,
        DateTime now,
        IncludeObject include = IncludeObject.Metadata)
    {
        var printer = Printers.For(type);
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(type, printer, obj, now, include));
        }

        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = MetaApiVersion,
            ["metadata"] = metadata,
            ["columnDefinitions"] = ColumnDefinitions(printer.Columns),
            ["rows"] = rows,
        };
    }

    /// <summary>The Table for one object (a get, or the object of a watch event), carrying the object's resourceVersion.</summary>
    public static JsonObject PrintOne(
        ResourceType type,
        IKubernetesObject<V1ObjectMeta> obj,
        DateTime now,
        IncludeObject include = IncludeObject.Metadata) =>
        Print(type, [obj], obj.Metadata?.ResourceVersion, now, include);

    private static JsonArray ColumnDefinitions(IReadOnlyList<TableColumn> columns) =>
        new(columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["format"] = c.Format,
            ["description"] = c.Description,
            ["priority"] = c.Priority,
        }).ToArray());

    private static JsonObject Row(
        ResourceType type, KindPrinter printer, IKubernetesObject<V1ObjectMeta> obj, DateTime now, IncludeObject include)
    {
        var printed = printer.Print(obj, now);
        var row = new JsonObject
        {
            ["cells"] = new JsonArray(printed.Cells.Select(Cell).ToArray()),
        };
        if (printed.Conditions.Count > 0)
        {
            row["conditions"] = new JsonArray(printed.Conditions.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = c.Status,
                ["reason"] = c.Reason,
                ["message"] = c.Message,
            }).ToArray());
        }

        row["object"] = include switch
        {
            IncludeObject.None => null,
            IncludeObject.Object => FullObject(type, obj),
            _ => PartialObjectMetadata(obj),
        };
        return row;
    }

    private static JsonNode Cell(object cell) => cell switch
    {
        string s => JsonValue.Create(s),
        long n => JsonValue.Create(n),
        int n => JsonValue.Create((long)n),
        _ => throw new InvalidOperationException($"unsupported cell type {cell.GetType().Name}"),
    };

    private static JsonObject PartialObjectMetadata(IKubernetesObject<V1ObjectMeta> obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = MetaApiVersion,
        ["metadata"] = JsonNode.Parse(ModelCodec.Write(obj.Metadata ?? new V1ObjectMeta())),
    };

    private static JsonObject FullObject(ResourceType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        var json = JsonNode.Parse(ModelCodec.Write(obj))!.AsObject();

        // Stored list items may lack their type; an embedded object must say what it is.
        if (string.IsNullOrEmpty((string?)json["kind"]) || string.IsNullOrEmpty((string?)json["apiVersion"]))
        {
            json.Remove("kind");
            json.Remove("apiVersion");
            json.Insert(0, "kind", type.Kind);
            json.Insert(1, "apiVersion", type.ApiVersion);
        }

        return json;
    }
}
