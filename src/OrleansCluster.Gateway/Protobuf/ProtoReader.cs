using System.Text;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>The protobuf wire types (the low three bits of a tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// A forward-only reader of protobuf wire format over one message's bytes. Every read is bounds-checked; anything
/// malformed is a <see cref="FormatException"/> naming the message being read.
/// </summary>
internal ref struct ProtoReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data, string message)
    {
        _data = data;
        _message = message;
    }

    public readonly bool End => _position >= _data.Length;

    public (int Number, WireType Wire) ReadTag()
    {
        var tag = ReadVarint();
        var number = tag >> 3;
        if (number is 0 or > 536_870_911)
        {
            throw Malformed($"invalid field number {number}");
        }

        return ((int)number, (WireType)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (End)
            {
                throw Malformed("truncated varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed($"length {length} runs past the end of the data");
        }

        var slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>Skips a field this decoder does not know, as protobuf readers must.</summary>
    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed64:
                Advance(8);
                break;
            case WireType.Fixed32:
                Advance(4);
                break;
            default:
                // Groups are long deprecated and Kubernetes never writes them; 6 and 7 do not exist.
                throw Malformed($"unsupported wire type {(int)wire}");
        }
    }

    public ulong Varint(WireType wire, string field)
    {
        Expect(wire, WireType.Varint, field);
        return ReadVarint();
    }

    public ReadOnlySpan<byte> Bytes(WireType wire, string field)
    {
        Expect(wire, WireType.LengthDelimited, field);
        return ReadLengthDelimited();
    }

    public string String(WireType wire, string field)
    {
        var bytes = Bytes(wire, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"field {field} is not valid UTF-8");
        }
    }

    public readonly FormatException Malformed(string detail) =>
        new($"malformed protobuf body: {detail} (in {_message} at byte {_position})");

    private readonly void Expect(WireType actual, WireType expected, string field)
    {
        if (actual != expected)
        {
            throw Malformed($"field {field} has wire type {(int)actual}, expected {(int)expected}");
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Malformed("fixed-width value runs past the end of the data");
        }

        _position += count;
    }
}
