using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Http;

/// <summary>What a request asks for and sends, read from its headers and query.</summary>
public static class Negotiation
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";

    /// <summary>kubectl's printing requests: <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...</c>.</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null
            && a.Split(',').Any(part => part.Contains("as=Table", StringComparison.Ordinal)
                && part.Contains("g=meta.k8s.io", StringComparison.Ordinal)));

    /// <summary>The media type of the body, without parameters, lower case; JSON when absent.</summary>
    public static string BodyType(HttpRequest request) =>
        (request.ContentType ?? Json).Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The patch kind a PATCH's Content-Type names; 415 for anything else.</summary>
    public static PatchKind PatchKindOf(HttpRequest request) => BodyType(request) switch
    {
        "application/merge-patch+json" => PatchKind.Merge,
        "application/strategic-merge-patch+json" => PatchKind.Strategic,
        "application/json-patch+json" => PatchKind.Json,
        "application/apply-patch+yaml" or "application/apply-patch+cbor" => PatchKind.Apply,
        var other => throw UnsupportedMediaType(other),
    };

    public static ApiException UnsupportedMediaType(string type) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {type})");

    /// <summary>A query parameter, or null when absent or empty.</summary>
    public static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    public static bool QueryFlag(HttpRequest request, string name) =>
        Query(request, name) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
