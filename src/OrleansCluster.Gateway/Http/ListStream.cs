using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Http;

/// <summary>
/// A JSON list answer written as it is read: the chunks of UTF-8 JSON the list stream delivers go into the response
/// body as they are, never becoming .NET strings (a 10,000-pod list is ~10 MB).
/// </summary>
internal static class ListStream
{
    /// <summary>Objects per chunk, as the client library asks for: ~60 KB, off the large object heap.</summary>
    private const int ChunkSize = 64;

    public static async Task WriteAsync(HttpContext context, string kind, string apiVersion, IListStreamGrain stream, Selection selection)
    {
        var ct = context.RequestAborted;
        try
        {
            await using var chunks = stream.List(selection, ChunkSize).GetAsyncEnumerator(ct);

            // The first chunk carries the list's resourceVersion, and a bad selection fails here, before any byte is
            // sent, so it still becomes a Status.
            if (!await chunks.MoveNextAsync())
            {
                throw new InvalidOperationException("a list stream ended without its first chunk");
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = Negotiation.Json;
            var body = context.Response.BodyWriter;
            body.Write(Encoding.UTF8.GetBytes(Responses.ListHead(kind, apiVersion, chunks.Current.ResourceVersion)));
            var first = true;
            do
            {
                var chunk = chunks.Current;
                if (chunk.Count == 0)
                {
                    continue;
                }

                if (!first)
                {
                    body.Write(","u8);
                }

                body.Write(chunk.Utf8JsonArray.AsSpan(1, chunk.Utf8JsonArray.Length - 2));  // without the chunk's [ ]
                first = false;
                await body.FlushAsync(ct);
            }
            while (await chunks.MoveNextAsync());

            body.Write("]}"u8);
        }
        finally
        {
            _ = stream.Release();
        }
    }
}
