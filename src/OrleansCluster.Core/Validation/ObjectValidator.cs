using k8s;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// The entry point: validates an object of a registered kind, metadata first, then the kind's own rules.
/// Callers default the object (and resolve generateName) before validating, as the API server does.
/// </summary>
public static class ObjectValidator
{
    public static IReadOnlyList<FieldError> ValidateCreate(ResourceType type, object obj)
    {
        var meta = MetaOf(type, obj);
        var nameRule = NameRuleFor(type);
        IEnumerable<FieldError> spec = obj switch
        {
            V1Pod pod => PodValidator.ValidateCreate(pod),
            V1Service service => ServiceValidator.ValidateCreate(service),
            V1Namespace ns => NamespaceValidator.Validate(ns),
            V1Node node => NodeValidator.ValidateCreate(node),
            Corev1Event ev => EventValidator.Validate(ev),
            _ => [],
        };
        return ObjectMetaValidator.Validate(meta, type.Namespaced, nameRule).Concat(spec).ToList();
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceType type, object newObj, object oldObj)
    {
        var newMeta = MetaOf(type, newObj);
        var oldMeta = MetaOf(type, oldObj);
        IEnumerable<FieldError> spec = (newObj, oldObj) switch
        {
            (V1Pod n, V1Pod o) => PodValidator.ValidateUpdate(n, o),
            (V1Service n, V1Service o) => ServiceValidator.ValidateUpdate(n, o),
            (V1Namespace n, V1Namespace _) => NamespaceValidator.Validate(n),
            (V1Node n, V1Node o) => NodeValidator.ValidateUpdate(n, o),
            (Corev1Event n, Corev1Event _) => EventValidator.Validate(n),
            _ => [],
        };
        return ObjectMetaValidator.ValidateUpdate(newMeta, oldMeta, type.Namespaced, NameRuleFor(type)).Concat(spec).ToList();
    }

    /// <summary>
    /// Names end up in DNS: namespaces and services are single labels (services need a leading letter
    /// because their name becomes an environment variable prefix and a DNS-1035 host), the rest subdomains.
    /// </summary>
    public static Func<string, IReadOnlyList<string>> NameRuleFor(ResourceType type) => type.Kind switch
    {
        "Namespace" => NameSyntax.IsDns1123Label,
        "Service" => NameSyntax.IsDns1035Label,
        _ => NameSyntax.IsDns1123Subdomain,
    };

    private static V1ObjectMeta? MetaOf(ResourceType type, object obj)
    {
        if (!type.ModelType.IsInstanceOfType(obj) || obj is not IKubernetesObject<V1ObjectMeta> typed)
        {
            throw new ArgumentException($"expected a {type.ModelType.Name} for kind {type.Kind}, got {obj.GetType().Name}", nameof(obj));
        }

        return typed.Metadata;
    }
}
