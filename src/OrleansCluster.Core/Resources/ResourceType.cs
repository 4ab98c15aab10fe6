using k8s;

namespace OrleansCluster.Core.Resources;

/// <summary>
/// What the control plane knows about one kind of API object: its names on the wire, its scope,
/// the .NET model type that every field of a manifest round-trips through, and the fields a
/// field selector may name. Each kind's <c>Kinds.&lt;Kind&gt;Kind</c> declares its own; the rest of what is
/// kind-specific is in that <see cref="Kinds.KindDefinition"/>.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    Type ModelType,
    IReadOnlyList<string> ShortNames,
    IReadOnlyDictionary<string, Func<IKubernetesObject<k8s.Models.V1ObjectMeta>, string?>> SelectableFields)
{
    /// <summary><c>v1</c> for the core group, <c>apps/v1</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The resource name qualified by its group, as Kubernetes prints it (<c>pods</c>, <c>deployments.apps</c>).</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>
    /// The key of an object of this kind: <c>pods/default/web</c>, <c>namespaces/default</c> (etcd's layout). It names
    /// the object's grain and its row, so the client library, the gateway and the grains build it here only.
    /// </summary>
    public string ObjectKey(string? ns, string name) =>
        Namespaced ? $"{QualifiedPlural}/{ns}/{name}" : $"{QualifiedPlural}/{name}";

    /// <summary>
    /// Every selectable field's value for <paramref name="obj"/>, including <c>metadata.name</c> and,
    /// for namespaced kinds, <c>metadata.namespace</c>. Missing values are the empty string, as in Kubernetes.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldsOf(IKubernetesObject<k8s.Models.V1ObjectMeta> obj)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = obj.Metadata?.Name ?? "",
        };
        if (Namespaced)
        {
            fields["metadata.namespace"] = obj.Metadata?.NamespaceProperty ?? "";
        }

        foreach (var (path, read) in SelectableFields)
        {
            fields[path] = read(obj) ?? "";
        }

        return fields;
    }
}
