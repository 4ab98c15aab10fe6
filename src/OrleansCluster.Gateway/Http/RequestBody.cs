using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Protobuf;


namespace OrleansCluster.Gateway.Http;

/// <summary>Reads a request body as Kubernetes JSON, whatever format it came in; bad bodies are 4xx.</summary>
public static class RequestBody
{
    /// <summary>Kubernetes' limit on a request body (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // The server refused the body while it was read: over its size limit (a chunked body has no length to
            // check up front), or malformed framing. Answered as a Status like every other error.
            throw e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : ApiException.BadRequest(e.Message);
        }
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            // Framing the server could not read (a chunk size that overflows): the client's fault, and still answered.
            throw ApiException.BadRequest($"the request body could not be read: {e.Message}");
        }

        return buffer.ToArray();
    }

    /// <summary>An object body (create, update) as JSON: JSON as is, YAML converted, protobuf decoded.</summary>
    public static async Task<string> ReadObjectJsonAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, ct);
        var type = Negotiation.BodyType(request);
        try
        {
            return type switch
            {
                Negotiation.Json or "*/*" => Text(bytes),
                Negotiation.Yaml or "application/x-yaml" or "text/yaml" => YamlJson.ToJson(Text(bytes)),
                Negotiation.Protobuf => KubeProtobuf.ToJson(bytes),
                _ => throw Negotiation.UnsupportedMediaType(type),
            };
        }
        catch (UnsupportedProtobufException e)
        {
            throw new ApiException(415, "UnsupportedMediaType", e.Message);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    /// <summary>The body as UTF-8 text.</summary>
    public static string Text(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw ApiException.BadRequest("the request body is empty");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static ApiException TooLarge() =>
        ApiException.TooLarge($"Request entity too large: limit is {MaxBytes}");
}
