using System.Buffers;

namespace OrleansCluster.Store.Objects;

/// <summary>Gathers JSON objects (UTF-8) into <see cref="JsonArrayChunk"/>s of at most a given number of objects.</summary>
internal sealed class JsonArrayChunker(int chunkSize)
{
    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private int count;
    private bool taken;

    /// <summary>Adds one object; true when the chunk is full and should be taken.</summary>
    public bool Add(ReadOnlySpan<byte> json)
    {
        buffer.Write(count == 0 ? "["u8 : ","u8);
        buffer.Write(json);
        return ++count == chunkSize;
    }

    /// <summary>The objects added since the last chunk, as one array, and starts the next.</summary>
    public JsonArrayChunk Take(long revision)
    {
        buffer.Write(count == 0 ? "[]"u8 : "]"u8);
        var chunk = new JsonArrayChunk(revision, count, buffer.WrittenSpan.ToArray());
        buffer.ResetWrittenCount();
        count = 0;
        taken = true;
        return chunk;
    }

    /// <summary>Whether a last chunk is due: objects are pending, or none was taken (an empty answer is one empty chunk).</summary>
    public bool HasRest => count > 0 || !taken;
}
