using System.Collections.Frozen;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>
/// How a protobuf field becomes JSON. Go's JSON leaves out zero values of plain (non-pointer) fields through
/// <c>omitempty</c>, while the protobuf encoder writes them anyway: "plain" kinds drop zero values, "optional" kinds
/// (Go pointers such as <c>replicas</c>) keep whatever was sent.
/// </summary>
internal enum ProtoKind
{
    Text,
    Flag,
    OptionalFlag,
    Int,
    OptionalInt,
    Long,
    OptionalLong,
    Message,
    Texts,
    Messages,
    TextMap,

    /// <summary><c>map&lt;string, bytes&gt;</c>; JSON carries the values in base64.</summary>
    BytesMap,

    /// <summary><c>map&lt;string, Quantity&gt;</c>, as in resource limits.</summary>
    QuantityMap,
    IntOrString,

    /// <summary>metav1.Time {seconds, nanos}; the zero time is left out.</summary>
    Time,
}

/// <summary>One field of a message: its number in k8s.io <c>generated.proto</c>, its JSON name, and how to read it.</summary>
internal sealed record ProtoField(int Number, string Name, ProtoKind Kind, ProtoMessage? Message = null);

/// <summary>The fields of one protobuf message this decoder understands; others are skipped.</summary>
internal sealed class ProtoMessage
{
    public ProtoMessage(string name, params ProtoField[] fields)
    {
        Name = name;
        Fields = fields.ToFrozenDictionary(f => f.Number);
    }

    public string Name { get; }

    public FrozenDictionary<int, ProtoField> Fields { get; }

    public static ProtoField Field(int number, string name, ProtoKind kind) => new(number, name, kind);

    public static ProtoField Field(int number, string name, ProtoMessage message) => new(number, name, ProtoKind.Message, message);

    public static ProtoField List(int number, string name, ProtoMessage message) => new(number, name, ProtoKind.Messages, message);
}
