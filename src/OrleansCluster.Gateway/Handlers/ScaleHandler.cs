using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Objects;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// The <c>scale</c> subresource: an <c>autoscaling/v1</c> Scale view of a scalable object. A read answers the view;
/// a write (PUT of a Scale, or a merge, strategic or JSON patch of one, as <c>kubectl scale</c> sends) can only
/// change <c>spec.replicas</c>, so it becomes a patch of the object's <c>spec.replicas</c>, which the object's grain
/// validates and stores like any other spec write (generation bump included).
/// </summary>
internal static class ScaleHandler
{
    public static async Task HandleAsync(ApiRequest request)
    {
        var type = request.Target.Type;
        var view = KindRegistry.For(type).Scale
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        var grain = request.Object(request.Name);
        var method = request.Http.Method;
        string json;
        if (HttpMethods.IsGet(method))
        {
            json = await grain.Get() ?? throw ApiException.NotFound(type.QualifiedPlural, request.Name);
        }
        else if (HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            var body = RequestBody.Text(await RequestBody.ReadBytesAsync(request.Http, request.Aborted));
            var patch = HttpMethods.IsPut(method) ? FromScale(request, body) : FromScalePatch(request, body);
            json = (await grain.Patch(patch)).Json;
        }
        else
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        await Responses.JsonAsync(request.Context, 200, ModelCodec.Write(view.Of(ModelCodec.Parse(type, json))));
    }

    /// <summary>PUT: the Scale's <c>spec.replicas</c>, guarded by its <c>resourceVersion</c> when it has one.</summary>
    private static PatchRequest FromScale(ApiRequest request, string body)
    {
        var scale = Parse(body) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a Scale object");
        var replicas = Replicas(request, scale["spec"]?["replicas"]) ?? 0;
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
        if (scale["metadata"]?["resourceVersion"] is JsonValue version)
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = version.DeepClone() };
        }

        return ToObjectPatch(request, PatchKind.Merge, patch.ToJsonString(), "UpdateOptions");
    }

    /// <summary>PATCH: a merge or strategic patch keeps only <c>spec.replicas</c>; a JSON patch only its operations on <c>/spec/replicas</c>.</summary>
    private static PatchRequest FromScalePatch(ApiRequest request, string body)
    {
        var kind = Negotiation.PatchKindOf(request.Http);
        switch (kind)
        {
            case PatchKind.Merge or PatchKind.Strategic:
                var patch = Parse(body) as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object");
                var spec = new JsonObject();
                if (patch["spec"] is JsonObject given && given.ContainsKey("replicas"))
                {
                    spec["replicas"] = Replicas(request, given["replicas"]);
                }

                return ToObjectPatch(request, PatchKind.Merge, new JsonObject { ["spec"] = spec }.ToJsonString(), "PatchOptions");
            case PatchKind.Json:
                var operations = Parse(body) as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array of operations");
                var kept = operations.Where(op => op?["path"]?.GetValue<string>() == "/spec/replicas").Select(op => op!.DeepClone());
                return ToObjectPatch(request, PatchKind.Json, new JsonArray(kept.ToArray()).ToJsonString(), "PatchOptions");
            default:
                throw new ApiException(415, "UnsupportedMediaType", "server-side apply is not supported on the scale subresource");
        }
    }

    private static PatchRequest ToObjectPatch(ApiRequest request, PatchKind kind, string body, string optionsKind) =>
        new(kind, body)
        {
            FieldManager = Negotiation.Query(request.Http, "fieldManager"),
            DryRun = DryRunOption.Of(request, optionsKind),
        };

    /// <summary>A replica count: a whole number ≥ 0 (Kubernetes' ValidateScale), else 422 naming <c>spec.replicas</c>.</summary>
    private static int? Replicas(ApiRequest request, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<int>(out var replicas))
        {
            throw ApiException.BadRequest($"spec.replicas must be an integer, not {node.ToJsonString()}");
        }

        if (replicas < 0)
        {
            throw ApiException.Invalid("Scale", request.Target.Type.QualifiedPlural, request.Name,
                [new ApiCause("FieldValueInvalid", "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0")]);
        }

        return replicas;
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }
    }
}
