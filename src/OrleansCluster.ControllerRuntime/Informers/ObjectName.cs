using k8s;
using k8s.Models;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>An object's namespace (null for cluster-scoped kinds) and name: the key controllers reconcile.</summary>
public readonly record struct ObjectName(string? Namespace, string Name)
{
    public static ObjectName Of(IKubernetesObject<V1ObjectMeta> obj) =>
        new(string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
