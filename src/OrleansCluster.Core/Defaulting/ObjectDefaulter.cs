using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// The entry point for defaulting, applied in place before validation. <see cref="Apply"/> holds the
/// field defaults that hold on any write; <see cref="ApplyCreate"/> and <see cref="ApplyUpdate"/> add what
/// the API server sets only on create (initial status, admission defaults) or keeps across an update
/// (status, allocations the client omitted).
/// </summary>
public static class ObjectDefaulter
{
    public static void Apply(ResourceType type, object obj)
    {
        switch (Checked(type, obj))
        {
            case V1Pod pod: PodDefaulter.Apply(pod); break;
            case V1Service service: ServiceDefaulter.Apply(service); break;
            case V1Namespace ns: NamespaceDefaulter.Apply(ns); break;
            case V1Node node: NodeDefaulter.Apply(node); break;
        }
    }

    /// <summary>Create-time defaults; <paramref name="tolerations"/> are the pods' default toleration seconds.</summary>
    public static void ApplyCreate(ResourceType type, object obj, TolerationDefaults? tolerations = null)
    {
        switch (Checked(type, obj))
        {
            case V1Pod pod: PodDefaulter.ApplyCreate(pod, tolerations); break;
            case V1Namespace ns: NamespaceDefaulter.ApplyCreate(ns); break;
            default: Apply(type, obj); break;
        }
    }

    public static void ApplyUpdate(ResourceType type, object newObj, object oldObj)
    {
        switch (Checked(type, newObj), Checked(type, oldObj))
        {
            case (V1Pod n, V1Pod o): PodDefaulter.ApplyUpdate(n, o); break;
            case (V1Service n, V1Service o): ServiceDefaulter.ApplyUpdate(n, o); break;
            case (V1Namespace n, V1Namespace o): NamespaceDefaulter.ApplyUpdate(n, o); break;
            case (V1Node n, V1Node o): NodeDefaulter.ApplyUpdate(n, o); break;
            default: Apply(type, newObj); break;
        }
    }

    private static object Checked(ResourceType type, object obj) =>
        type.ModelType.IsInstanceOfType(obj)
            ? obj
            : throw new ArgumentException($"expected a {type.ModelType.Name} for kind {type.Kind}, got {obj.GetType().Name}", nameof(obj));
}
