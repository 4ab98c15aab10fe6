using System.Text;

namespace OrleansCluster.Gateway.Tests.Protobuf;

/// <summary>A tiny protobuf writer for building request bodies by hand, field by field.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _bytes = new();

    /// <summary>A whole Kubernetes body: magic, then runtime.Unknown {1: TypeMeta, 2: raw}.</summary>
    public static byte[] Body(string apiVersion, string kind, Action<ProtoWriter> obj, string contentEncoding = "")
    {
        var w = new ProtoWriter();
        w._bytes.Write("k8s\0"u8);
        w.Message(1, t => t.String(1, apiVersion).String(2, kind));
        w.Message(2, obj);
        if (contentEncoding.Length > 0)
        {
            w.String(3, contentEncoding);
        }

        return w.ToArray();
    }

    public ProtoWriter Varint(int field, ulong value) => Tag(field, 0).Raw(value);

    public ProtoWriter Int(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Strings(int field, params string[] values)
    {
        foreach (var value in values)
        {
            String(field, value);
        }

        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2).Raw((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>One entry of a map&lt;string, string&gt; field.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    /// <summary>One entry of a map&lt;string, Quantity&gt; field.</summary>
    public ProtoWriter Quantity(int field, string key, string value) =>
        Message(field, e => e.String(1, key).Message(2, q => q.String(1, value)));

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        _bytes.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        _bytes.Write(BitConverter.GetBytes(value));
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private ProtoWriter Tag(int field, int wire) => Raw(((ulong)field << 3) | (uint)wire);

    private ProtoWriter Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.WriteByte((byte)value);
        return this;
    }
}
