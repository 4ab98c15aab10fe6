using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Validation;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>create, replace, patch and delete: read the body, check it, one grain call, answer as Kubernetes does.</summary>
internal static class WriteHandlers
{
    private const int GenerateNameAttempts = 8;

    public static async Task CreateAsync(ApiRequest request)
    {
        var target = request.Target;
        if (target.Name is not null || (target.Type.Namespaced && target.Namespace is null))
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var dryRun = DryRunOption.Of(request, "CreateOptions");
        var json = await RequestBody.ReadObjectJsonAsync(request.Http, request.Aborted);
        JsonObject body;
        if (JsonBodies.NamedObject(json) is { } named)
        {
            if (FieldChecks.Check(request, target.Type, json))
            {
                // A clean, named body goes to the grain as it came: no tree to build and write out again.
                CheckPathSegmentName(target.Type, named);
                await Responses.JsonAsync(request.Context, 201, await request.Object(named).Create(json, dryRun));
                return;
            }

            body = ParseObject(json);
        }
        else
        {
            body = ParseObject(json);
            FieldChecks.Check(request, target.Type, json);
        }

        var meta = body["metadata"] as JsonObject;
        var name = StringMember(meta, "name");
        var generateName = StringMember(meta, "generateName");
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
        {
            throw ApiException.Invalid(target.Type.Kind, target.Type.QualifiedPlural, "",
                [new ApiCause("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }

        for (var attempt = 1; ; attempt++)
        {
            var chosen = string.IsNullOrEmpty(name) ? NameGenerator.Generate(generateName!, Random.Shared) : name;
            CheckPathSegmentName(target.Type, chosen);
            meta!["name"] = chosen;
            try
            {
                var created = await request.Object(chosen).Create(body.ToJsonString(), dryRun);
                await Responses.JsonAsync(request.Context, 201, created);
                return;
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && string.IsNullOrEmpty(name) && attempt < GenerateNameAttempts)
            {
                // The generated name is taken: draw another.
            }
        }
    }

    public static async Task ReplaceAsync(ApiRequest request)
    {
        var dryRun = DryRunOption.Of(request, "UpdateOptions");
        var json = await RequestBody.ReadObjectJsonAsync(request.Http, request.Aborted);
        var body = ParseObject(json);
        FieldChecks.Check(request, request.Target.Type, json);
        // Repeated members (accepted unless Strict) reach the grain once, with their last value.
        json = body.ToJsonString();
        var grain = request.Object(request.Name);
        var updated = request.Target.Subresource switch
        {
            "status" => await grain.UpdateStatus(json, dryRun),
            "finalize" => await grain.Finalize(json, dryRun),
            _ => await grain.Update(json, dryRun),
        };
        await Responses.JsonAsync(request.Context, 200, updated);
    }

    /// <summary>pods/binding: a Binding in, the pod bound, and (as Kubernetes) a Success Status with 201 out.</summary>
    public static async Task BindAsync(ApiRequest request)
    {
        var dryRun = DryRunOption.Of(request, "CreateOptions");
        var json = await RequestBody.ReadObjectJsonAsync(request.Http, request.Aborted);
        ParseObject(json);
        await request.Object(request.Name).Bind(json, dryRun);
        await CreatedSuccessAsync(request);
    }

    /// <summary>What a create that makes no object answers (a binding, an eviction): 201 with a Success Status.</summary>
    internal static async Task CreatedSuccessAsync(ApiRequest request)
    {
        var status = StatusJson.Success();
        status.Remove("details");
        status["code"] = 201;
        await Responses.JsonAsync(request.Context, 201, status);
    }

    public static async Task PatchAsync(ApiRequest request)
    {
        var dryRun = DryRunOption.Of(request, "PatchOptions");
        var kind = Negotiation.PatchKindOf(request.Http);
        var body = RequestBody.Text(await RequestBody.ReadBytesAsync(request.Http, request.Aborted));
        if (kind == PatchKind.Apply)
        {
            // The applied configuration is a whole object: check its fields as a create would.
            try
            {
                FieldChecks.Check(request, request.Target.Type, YamlJson.ToJson(body));
            }
            catch (FormatException e)
            {
                throw ApiException.BadRequest(e.Message);
            }
        }

        var result = await request.Object(request.Name).Patch(new PatchRequest(kind, body)
        {
            FieldManager = Negotiation.Query(request.Http, "fieldManager"),
            Status = request.Target.Subresource == "status",
            DryRun = dryRun,
        });
        await Responses.JsonAsync(request.Context, result.Created ? 201 : 200, result.Json);
    }

    public static async Task DeleteAsync(ApiRequest request)
    {
        var options = await DeleteOptionsAsync(request);
        var result = await request.Object(request.Name).Delete(options);
        await Responses.JsonAsync(request.Context, 200, result.Json);
    }

    /// <summary>deletecollection: deletes what the selectors select, one object at a time.</summary>
    public static async Task DeleteCollectionAsync(ApiRequest request)
    {
        if (!Verbs.Of(request.Target.Type).Contains("deletecollection"))
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var options = await DeleteOptionsAsync(request);
        var list = await request.Grains.GetGrain<IListGrain>(0).List(request.Selection());
        var deleted = new List<string>();
        foreach (var item in list.Items)
        {
            var name = JsonNode.Parse(item)!["metadata"]!["name"]!.GetValue<string>();
            try
            {
                deleted.Add((await request.Object(name).Delete(options with { Uid = null, ResourceVersion = null })).Json);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Gone meanwhile.
            }
        }

        var type = request.Target.Type;
        await Responses.JsonAsync(request.Context, 200, Responses.List(type.Kind, type.ApiVersion, list.ResourceVersion, deleted));
    }

    private static async Task<DeleteRequest> DeleteOptionsAsync(ApiRequest request)
    {
        var http = request.Http;
        var options = new DeleteRequest { DryRun = DryRunOption.Of(request, "DeleteOptions") };
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            var bytes = await RequestBody.ReadBytesAsync(http, request.Aborted);
            if (bytes.Length > 0)
            {
                options = ParseDeleteOptions(RequestBody.Text(bytes), options.DryRun);
            }
        }

        if (Negotiation.Query(http, "gracePeriodSeconds") is { } grace)
        {
            options = options with
            {
                GracePeriodSeconds = long.TryParse(grace, out var g) ? g : throw ApiException.BadRequest($"invalid gracePeriodSeconds \"{grace}\""),
            };
        }

        if (Negotiation.Query(http, "propagationPolicy") is { } policy)
        {
            options = options with { PropagationPolicy = policy };
        }

        return options;
    }

    /// <summary>A DeleteOptions body; its <c>dryRun</c>, when given, overrides the query's (<paramref name="queryDryRun"/>).</summary>
    internal static DeleteRequest ParseDeleteOptions(string json, bool queryDryRun)
    {
        try
        {
            var node = JsonBodies.Parse(json) as JsonObject ?? throw ApiException.BadRequest("DeleteOptions must be a JSON object");
            var preconditions = node["preconditions"] as JsonObject;
            return new DeleteRequest
            {
                GracePeriodSeconds = node["gracePeriodSeconds"]?.GetValue<long>(),
                PropagationPolicy = node["propagationPolicy"]?.GetValue<string>(),
                Uid = preconditions?["uid"]?.GetValue<string>(),
                ResourceVersion = preconditions?["resourceVersion"]?.GetValue<string>(),
                DryRun = DryRunOption.OfDeleteOptions(node) ?? queryDryRun,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw ApiException.BadRequest($"invalid DeleteOptions: {e.Message}");
        }
    }

    /// <summary>
    /// A name becomes a URL path segment and part of the object's key, so, as in Kubernetes' ValidatePathSegmentName,
    /// it may not be "." or "..", nor contain "/" or "%" (422 Invalid, before any grain sees it).
    /// </summary>
    private static void CheckPathSegmentName(Core.Resources.ResourceType type, string name)
    {
        var problem = name switch
        {
            "." or ".." => $"may not be '{name}'",
            _ when name.Contains('/', StringComparison.Ordinal) => "may not contain '/'",
            _ when name.Contains('%', StringComparison.Ordinal) => "may not contain '%'",
            _ => null,
        };
        if (problem is not null)
        {
            throw ApiException.Invalid(type.Kind, type.QualifiedPlural, name,
                [new ApiCause("FieldValueInvalid", "metadata.name", $"Invalid value: {JsonValue.Create(name).ToJsonString()}: {problem}")]);
        }
    }

    private static string? StringMember(JsonObject? parent, string name) => parent?[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw ApiException.BadRequest(
            $"the body of the request was in an unknown format: metadata.{name} must be a string, not {other.GetValueKind()}"),
    };

    private static JsonObject ParseObject(string json)
    {
        try
        {
            return JsonBodies.Parse(json) as JsonObject
                ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }
    }
}
