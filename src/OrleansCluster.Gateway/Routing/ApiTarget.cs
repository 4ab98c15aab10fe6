using OrleansCluster.Abstractions;
using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Gateway.Routing;

/// <summary>
/// What a resource URL names: <c>/api/v1/namespaces/{ns}/pods/{name}/status</c> →
/// (Pod, ns, name, "status"); <c>/api/v1/namespaces/{name}/finalize</c> → (Namespace, null, name, "finalize").
/// </summary>
public sealed record ApiTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>
    /// Parses the segments after <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; throws a 404
    /// <see cref="ApiException"/> when they name no resource this server has.
    /// </summary>
    public static ApiTarget Parse(string group, string version, IReadOnlyList<string> segments)
    {
        string? ns = null;
        var rest = segments;
        if (segments is ["namespaces", _, var third, ..] && !NamespaceSubresources.Contains(third))
        {
            ns = segments[1];
            rest = segments.Skip(2).ToList();
        }

        if (rest.Count is 0 or > 3)
        {
            throw NotFound();
        }

        var type = ResourceTypes.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == rest[0])
            ?? throw NotFound();
        if (ns is not null && !type.Namespaced)
        {
            throw NotFound();
        }

        var name = rest.Count > 1 ? rest[1] : null;
        var subresource = rest.Count > 2 ? rest[2] : null;
        if (subresource is not null && !Subresources(type).Contains(subresource))
        {
            throw NotFound();
        }

        return new ApiTarget(type, ns, name, subresource);
    }

    /// <summary>The subresources a kind serves.</summary>
    public static IReadOnlyList<string> Subresources(ResourceType type) => KindRegistry.For(type).Subresources;

    /// <summary>The verbs of a subresource (<c>binding</c> can only be created), as discovery lists them.</summary>
    public static string[] SubresourceVerbs(string subresource) => subresource switch
    {
        "finalize" => ["update"],
        "binding" or "eviction" => ["create"],
        "log" => ["get"],
        "exec" => ["create", "get"],
        _ => ["get", "patch", "update"],
    };

    /// <summary>
    /// The group, version and kind a subresource takes and answers with: a core Binding for <c>binding</c>, an
    /// <c>autoscaling/v1</c> Scale for <c>scale</c>, else the object's own.
    /// </summary>
    public static (string Group, string Version, string Kind) SubresourceKind(ResourceType type, string subresource) => subresource switch
    {
        "binding" => ("", "v1", "Binding"),
        "scale" => ("autoscaling", "v1", "Scale"),
        "eviction" => ("policy", "v1", "Eviction"),
        _ => (type.Group, type.Version, type.Kind),
    };

    /// <summary>The object's grain key.</summary>
    public string GrainKey(string name) => Type.ObjectKey(Namespace, name);

    private static ApiException NotFound() =>
        new(404, "NotFound", "the server could not find the requested resource");
}
