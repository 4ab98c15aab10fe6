using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Http;

/// <summary>Writes JSON answers; every error becomes a <c>metav1.Status</c>.</summary>
public static class Responses
{
    public static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Negotiation.Json;
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static Task JsonAsync(HttpContext context, int status, JsonNode json) =>
        JsonAsync(context, status, json.ToJsonString());

    public static Task ErrorAsync(HttpContext context, ApiException e)
    {
        if (e.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return JsonAsync(context, e.Code, StatusJson.Failure(e));
    }

    /// <summary>A list document up to its items: what precedes the first item.</summary>
    public static string ListHead(string kind, string apiVersion, string resourceVersion) =>
        $"{{\"kind\":\"{kind}List\",\"apiVersion\":\"{apiVersion}\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"}},\"items\":[";

    /// <summary>A list document built from stored item JSON without re-serializing the items.</summary>
    public static string List(string kind, string apiVersion, string resourceVersion, IEnumerable<string> items)
    {
        var builder = new StringBuilder(1024).Append(ListHead(kind, apiVersion, resourceVersion));
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(',');
            }

            builder.Append(item);
            first = false;
        }

        return builder.Append("]}").ToString();
    }
}
