using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Discovery;

/// <summary>
/// OpenAPI v3: an index of group versions and one document per group version, with the paths of every
/// resource and schemas of its model types. kubectl's default <c>--validate=strict</c> only needs each kind's
/// PATCH operation to declare its GVK and the <c>fieldValidation</c> parameter; it then leaves validation to us.
/// </summary>
public static class OpenApiDocuments
{
    private static readonly Lazy<Dictionary<string, string>> Documents = new(Build);

    /// <summary>The group-version key (<c>api/v1</c>, <c>apis/apps/v1</c>) of a kind.</summary>
    public static string KeyOf(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    /// <summary><c>/openapi/v3</c>: each group version with a URL whose hash changes when its document does.</summary>
    public static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (key, doc) in Documents.Value)
        {
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(doc)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group version, or null.</summary>
    public static string? Document(string key) => Documents.Value.GetValueOrDefault(key);

    private static Dictionary<string, string> Build() =>
        ResourceTypes.All.GroupBy(KeyOf).ToDictionary(g => g.Key, g => Document(g.ToList()).ToJsonString(), StringComparer.Ordinal);

    private static JsonObject Document(IReadOnlyList<ResourceType> types)
    {
        var schemas = new OpenApiSchemas();
        var paths = new JsonObject();
        foreach (var type in types)
        {
            var schemaName = schemas.Add(type.ModelType, type);
            var prefix = "/" + KeyOf(type);
            var scoped = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
            paths[scoped] = Handlers.Verbs.Of(type).Contains("deletecollection")
                ? Operations(type, schemaName, ("get", "list"), ("post", "post"), ("delete", "deletecollection"))
                : Operations(type, schemaName, ("get", "list"), ("post", "post"));
            paths[$"{scoped}/{{name}}"] = Operations(type, schemaName, ("get", "get"), ("put", "put"), ("patch", "patch"), ("delete", "delete"));
            if (type.Namespaced)
            {
                paths[$"{prefix}/{type.Plural}"] = Operations(type, schemaName, ("get", "list"));
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "OrleansCluster", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas.ToJson() },
        };
    }

    private static JsonObject Operations(ResourceType type, string schemaName, params (string Method, string Action)[] operations)
    {
        var item = new JsonObject();
        foreach (var (method, action) in operations)
        {
            var parameters = new JsonArray(new JsonObject { ["name"] = "dryRun", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
            if (method is "post" or "put" or "patch")
            {
                parameters.Add(new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
                parameters.Add(new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
            }

            var op = new JsonObject
            {
                ["operationId"] = $"{action}{type.Kind}",
                ["parameters"] = parameters,
                ["x-kubernetes-action"] = action,
                ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = "OK",
                        ["content"] = new JsonObject
                        {
                            ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } },
                        },
                    },
                },
            };
            item[method] = op;
        }

        return item;
    }

    private static string Hash(string document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document)))[..32];
}
