using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using global::Docker.DotNet;

namespace OrleansCluster.Runtime.Docker;

/// <summary>Runs one engine call within a deadline and turns Docker.DotNet's failures into <see cref="ContainerRuntimeException"/>.</summary>
internal static class DockerErrors
{
    public static async Task<T> Call<T>(
        Func<CancellationToken, Task<T>> call, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ContainerRuntimeException(RuntimeError.Engine, $"{what}: the Docker engine did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (DockerApiException e)
        {
            throw Translate(e, what);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TimeoutException)
        {
            throw new ContainerRuntimeException(RuntimeError.Engine, $"{what}: cannot reach the Docker engine: {e.Message}", e);
        }
    }

    public static Task Call(Func<CancellationToken, Task> call, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        Call(async token => { await call(token); return true; }, timeout, what, cancellationToken);

    public static ContainerRuntimeException Translate(DockerApiException e, string what)
    {
        var kind = e.StatusCode switch
        {
            HttpStatusCode.NotFound => RuntimeError.NotFound,
            HttpStatusCode.Conflict => RuntimeError.Conflict,
            _ => RuntimeError.Engine,
        };
        return new ContainerRuntimeException(kind, $"{what}: {EngineMessage(e)}", e);
    }

    /// <summary>The engine's own sentence from its JSON error body.</summary>
    public static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.ResponseBody);
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
    }
}
