using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// <c>POST pods/{name}/eviction</c> (what <c>kubectl drain</c> sends): a policy/v1 Eviction in, the pod deleted with the
/// Eviction's <c>deleteOptions</c>, and, as Kubernetes, a Success Status with 201 out. PodDisruptionBudgets are not
/// served, so no budget ever refuses an eviction (Kubernetes' 429 never comes).
/// </summary>
internal static class EvictionHandler
{
    public const string Subresource = "eviction";

    public static async Task EvictAsync(ApiRequest request)
    {
        var queryDryRun = DryRunOption.Of(request, "CreateOptions");
        var json = await RequestBody.ReadObjectJsonAsync(request.Http, request.Aborted);
        JsonObject eviction;
        try
        {
            eviction = JsonBodies.Parse(json) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }

        if (eviction["metadata"]?["name"] is JsonValue named && named.GetValueKind() == JsonValueKind.String && named.GetValue<string>() != request.Name)
        {
            throw ApiException.BadRequest("name in URL does not match name in Eviction object");
        }

        var options = eviction["deleteOptions"] is JsonObject deleteOptions
            ? WriteHandlers.ParseDeleteOptions(deleteOptions.ToJsonString(), queryDryRun)
            : new DeleteRequest { DryRun = queryDryRun };
        await request.Object(request.Name).Delete(options);
        await WriteHandlers.CreatedSuccessAsync(request);
    }
}
