using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>
/// Turns the bytes of one message into a JSON object, guided by its <see cref="ProtoMessage"/>. Protobuf rules apply:
/// unknown fields are skipped, a repeated scalar field keeps the last value, a repeated message field merges.
/// </summary>
internal static class ProtoJson
{
    public static JsonObject Decode(ReadOnlySpan<byte> bytes, ProtoMessage message, JsonObject? into = null)
    {
        var obj = into ?? [];
        var reader = new ProtoReader(bytes, message.Name);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (message.Fields.TryGetValue(number, out var field))
            {
                Read(ref reader, wire, field, obj);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return obj;
    }

    private static void Read(ref ProtoReader reader, WireType wire, ProtoField field, JsonObject obj)
    {
        var name = field.Name;
        switch (field.Kind)
        {
            case ProtoKind.Text:
                Set(obj, name, reader.String(wire, name) is { Length: > 0 } s ? s : null);
                break;
            case ProtoKind.Flag:
                Set(obj, name, reader.Varint(wire, name) != 0 ? true : null);
                break;
            case ProtoKind.OptionalFlag:
                obj[name] = reader.Varint(wire, name) != 0;
                break;
            case ProtoKind.Int:
                Set(obj, name, (int)reader.Varint(wire, name) is var i and not 0 ? i : null);
                break;
            case ProtoKind.OptionalInt:
                obj[name] = (int)reader.Varint(wire, name);
                break;
            case ProtoKind.Long:
                Set(obj, name, (long)reader.Varint(wire, name) is var l and not 0 ? l : null);
                break;
            case ProtoKind.OptionalLong:
                obj[name] = (long)reader.Varint(wire, name);
                break;
            case ProtoKind.Message:
                Decode(reader.Bytes(wire, name), field.Message!, ChildObject(obj, name));
                break;
            case ProtoKind.Texts:
                Append(obj, name, reader.String(wire, name));
                break;
            case ProtoKind.Messages:
                Append(obj, name, Decode(reader.Bytes(wire, name), field.Message!));
                break;
            case ProtoKind.TextMap or ProtoKind.BytesMap or ProtoKind.QuantityMap:
                var (key, value) = MapEntry(reader.Bytes(wire, name), field);
                ChildObject(obj, name)[key] = value;
                break;
            case ProtoKind.IntOrString:
                obj[name] = IntOrString(reader.Bytes(wire, name));
                break;
            case ProtoKind.Time:
                Set(obj, name, Time(reader.Bytes(wire, name)));
                break;
        }
    }

    private static (string Key, JsonNode Value) MapEntry(ReadOnlySpan<byte> bytes, ProtoField field)
    {
        var reader = new ProtoReader(bytes, $"{field.Name} entry");
        var key = "";
        JsonNode value = field.Kind switch
        {
            ProtoKind.QuantityMap => "0",
            _ => "",
        };
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            switch (number, field.Kind)
            {
                case (1, _):
                    key = reader.String(wire, "key");
                    break;
                case (2, ProtoKind.TextMap):
                    value = reader.String(wire, "value");
                    break;
                case (2, ProtoKind.BytesMap):
                    value = Convert.ToBase64String(reader.Bytes(wire, "value"));
                    break;
                case (2, ProtoKind.QuantityMap):
                    value = Quantity(reader.Bytes(wire, "value"));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (key, value);
    }

    private static readonly ProtoMessage QuantityMessage = new("resource.Quantity", ProtoMessage.Field(1, "string", ProtoKind.Text));

    private static readonly ProtoMessage IntOrStringMessage = new(
        "intstr.IntOrString",
        ProtoMessage.Field(1, "type", ProtoKind.Long),
        ProtoMessage.Field(2, "intVal", ProtoKind.Int),
        ProtoMessage.Field(3, "strVal", ProtoKind.Text));

    private static readonly ProtoMessage TimeMessage = new(
        "meta.v1.Time",
        ProtoMessage.Field(1, "seconds", ProtoKind.Long),
        ProtoMessage.Field(2, "nanos", ProtoKind.Int));

    /// <summary>resource.Quantity {1: string}; JSON carries the string.</summary>
    private static string Quantity(ReadOnlySpan<byte> bytes) => (string?)Decode(bytes, QuantityMessage)["string"] ?? "0";

    /// <summary>intstr.IntOrString {1: type (0 int, 1 string), 2: intVal, 3: strVal}; JSON is a number or a string.</summary>
    private static JsonNode IntOrString(ReadOnlySpan<byte> bytes)
    {
        var value = Decode(bytes, IntOrStringMessage);
        return (long?)value["type"] == 1 ? (string?)value["strVal"] ?? "" : (int?)value["intVal"] ?? 0;
    }

    /// <summary>metav1.Time {1: seconds, 2: nanos} as RFC 3339 in UTC with whole seconds, as Kubernetes writes it; zero is absent.</summary>
    private static string? Time(ReadOnlySpan<byte> bytes)
    {
        var value = Decode(bytes, TimeMessage);
        var seconds = (long?)value["seconds"] ?? 0;
        if (seconds == 0 && value["nanos"] is null)
        {
            return null;
        }

        if (seconds is < -62_135_596_800 or > 253_402_300_799)
        {
            throw new FormatException($"malformed protobuf body: time {seconds}s is out of range (in {TimeMessage.Name})");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static void Set(JsonObject obj, string name, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
    }

    private static void Append(JsonObject obj, string name, JsonNode value)
    {
        if (obj[name] is not JsonArray list)
        {
            obj[name] = list = [];
        }

        list.Add(value);
    }

    private static JsonObject ChildObject(JsonObject obj, string name)
    {
        if (obj[name] is not JsonObject child)
        {
            obj[name] = child = [];
        }

        return child;
    }
}
