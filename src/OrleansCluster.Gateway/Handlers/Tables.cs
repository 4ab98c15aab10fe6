using System.Text.Json.Nodes;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>Server-side printing for kubectl: the Table form of objects, when the request asks for it.</summary>
internal static class Tables
{
    public static IncludeObject IncludeObjectOf(ApiRequest request) =>
        IncludeObjectPolicy.TryParse(Negotiation.Query(request.Http, "includeObject"), out var include)
            ? include
            : throw ApiException.BadRequest("includeObject must be one of None, Metadata, Object");

    public static JsonObject Of(ApiRequest request, ResourceType type, IEnumerable<string> items, string resourceVersion) =>
        TablePrinter.Print(type, items.Select(json => ModelCodec.Parse(type, json)), resourceVersion,
            request.Time.GetUtcNow().UtcDateTime, IncludeObjectOf(request));

    public static JsonObject OfOne(ApiRequest request, ResourceType type, string json) =>
        TablePrinter.PrintOne(type, ModelCodec.Parse(type, json), request.Time.GetUtcNow().UtcDateTime, IncludeObjectOf(request));
}
