using System.Text.Json.Nodes;
using OrleansCluster.Core.Resources;
using OrleansCluster.Gateway.Routing;

namespace OrleansCluster.Gateway.Discovery;

/// <summary>
/// What kubectl learns the resources from: aggregated discovery (apidiscovery.k8s.io/v2, one answer for all
/// resources, chosen by the Accept header) or the legacy documents (APIVersions, APIGroupList, APIResourceList).
/// </summary>
public static class DiscoveryDocuments
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";


    /// <summary>Kinds kubectl's <c>get all</c> lists, as in Kubernetes.</summary>
    private static readonly HashSet<string> InCategoryAll = ["Pod", "Service"];

    /// <summary>The aggregated document for the core group (<c>/api</c>) or the named groups (<c>/apis</c>).</summary>
    public static JsonObject Aggregated(bool core)
    {
        var groups = ResourceTypes.All.Where(t => (t.Group.Length == 0) == core).GroupBy(t => t.Group);
        var items = new JsonArray();
        foreach (var group in groups)
        {
            var versions = new JsonArray(group.GroupBy(t => t.Version).Select(v => (JsonNode)new JsonObject
            {
                ["version"] = v.Key,
                ["freshness"] = "Current",
                ["resources"] = new JsonArray(v.Select(AggregatedResource).ToArray()),
            }).ToArray());
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group.Key }, ["versions"] = versions });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    /// <summary>Legacy <c>/api</c>.</summary>
    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>Legacy <c>/apis</c>.</summary>
    public static JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ResourceTypes.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).Select(g =>
        {
            var preferred = new JsonObject { ["groupVersion"] = $"{g.Key}/{g.First().Version}", ["version"] = g.First().Version };
            return (JsonNode)new JsonObject
            {
                ["name"] = g.Key,
                ["versions"] = new JsonArray(g.Select(t => t.Version).Distinct()
                    .Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v }).ToArray()),
                ["preferredVersion"] = preferred,
            };
        }).ToArray()),
    };

    /// <summary>Legacy <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; null when no such group version.</summary>
    public static JsonObject? ApiResourceList(string group, string version)
    {
        var types = ResourceTypes.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(Handlers.Verbs.Of(type).Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray(type.ShortNames.Select(n => (JsonNode)n).ToArray()),
            };
            if (InCategoryAll.Contains(type.Kind))
            {
                resource["categories"] = new JsonArray("all");
            }

            resources.Add(resource);
            foreach (var sub in ApiTarget.Subresources(type))
            {
                var subresource = new JsonObject
                {
                    ["name"] = $"{type.Plural}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                };
                if (ApiTarget.SubresourceGroupVersion(sub) is var (subGroup, subVersion))
                {
                    // kubectl drain evicts only when /api/v1 lists pods/eviction with its group and version.
                    subresource["group"] = subGroup;
                    subresource["version"] = subVersion;
                }

                subresource["kind"] = ApiTarget.SubresourceKind(type, sub);
                subresource["verbs"] = new JsonArray(ApiTarget.SubresourceVerbs(sub).Select(v => (JsonNode)v).ToArray());
                resources.Add(subresource);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = types[0].ApiVersion,
            ["resources"] = resources,
        };
    }

    private static JsonNode AggregatedResource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["resource"] = type.Plural,
            ["responseKind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
            ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = type.Singular,
            ["verbs"] = new JsonArray(Handlers.Verbs.Of(type).Select(v => (JsonNode)v).ToArray()),
            ["shortNames"] = new JsonArray(type.ShortNames.Select(n => (JsonNode)n).ToArray()),
        };
        if (InCategoryAll.Contains(type.Kind))
        {
            resource["categories"] = new JsonArray("all");
        }

        resource["subresources"] = new JsonArray(ApiTarget.Subresources(type).Select(sub => (JsonNode)new JsonObject
        {
            ["subresource"] = sub,
            ["responseKind"] = new JsonObject
            {
                ["group"] = ApiTarget.SubresourceGroupVersion(sub)?.Group ?? type.Group,
                ["version"] = ApiTarget.SubresourceGroupVersion(sub)?.Version ?? type.Version,
                ["kind"] = ApiTarget.SubresourceKind(type, sub),
            },
            ["verbs"] = new JsonArray(ApiTarget.SubresourceVerbs(sub).Select(v => (JsonNode)v).ToArray()),
        }).ToArray());
        return resource;
    }
}
