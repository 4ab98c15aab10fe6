using System.Text.Json.Nodes;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Http;

/// <summary>Errors as a Kubernetes <c>metav1.Status</c>, the only error shape clients understand.</summary>
public static class StatusJson
{
    public static JsonObject Failure(ApiException e)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = e.Message,
            ["reason"] = e.Reason,
        };
        if (e.Name is not null || e.Kind is not null || e.Causes.Count > 0 || e.RetryAfterSeconds is not null)
        {
            var details = new JsonObject();
            if (e.Name is not null)
            {
                details["name"] = e.Name;
            }

            if (e.Kind is not null)
            {
                var dot = e.Kind.IndexOf('.', StringComparison.Ordinal);
                details["group"] = dot < 0 ? "" : e.Kind[(dot + 1)..];
                details["kind"] = dot < 0 ? e.Kind : e.Kind[..dot];
            }

            if (e.Causes.Count > 0)
            {
                details["causes"] = new JsonArray(e.Causes
                    .Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field })
                    .ToArray());
            }

            if (e.RetryAfterSeconds is { } seconds)
            {
                details["retryAfterSeconds"] = seconds;
            }

            status["details"] = details;
        }

        status["code"] = e.Code;
        return status;
    }

    /// <summary>The <c>Status{status: Success}</c> answer of a delete or a collection delete.</summary>
    public static JsonObject Success(string? kind = null, string? name = null, string? uid = null)
    {
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (kind is not null)
        {
            details["kind"] = kind;
        }

        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
