using k8s;
using k8s.Models;
using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// The entry point: validates an object of a registered kind, metadata first, then the kind's own rules
/// (its <see cref="KindDefinition"/>'s).
/// Callers default the object (and resolve generateName) before validating, as the API server does.
/// </summary>
public static class ObjectValidator
{
    public static IReadOnlyList<FieldError> ValidateCreate(ResourceType type, object obj)
    {
        var meta = MetaOf(type, obj);
        var nameRule = NameRuleFor(type);
        var spec = KindRegistry.For(type).Validate(obj);
        return ObjectMetaValidator.Validate(meta, type.Namespaced, nameRule).Concat(spec).ToList();
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceType type, object newObj, object oldObj)
    {
        var newMeta = MetaOf(type, newObj);
        var oldMeta = MetaOf(type, oldObj);
        var spec = KindRegistry.For(type).ValidateUpdate(newObj, oldObj);
        return ObjectMetaValidator.ValidateUpdate(newMeta, oldMeta, type.Namespaced, NameRuleFor(type)).Concat(spec).ToList();
    }

    /// <summary>The rule the kind's names follow (they end up in DNS): see <see cref="KindDefinition.NameRule"/>.</summary>
    public static Func<string, IReadOnlyList<string>> NameRuleFor(ResourceType type) => KindRegistry.For(type).NameRule;

    private static V1ObjectMeta? MetaOf(ResourceType type, object obj)
    {
        if (!type.ModelType.IsInstanceOfType(obj) || obj is not IKubernetesObject<V1ObjectMeta> typed)
        {
            throw new ArgumentException($"expected a {type.ModelType.Name} for kind {type.Kind}, got {obj.GetType().Name}", nameof(obj));
        }

        return typed.Metadata;
    }
}
