using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>Rules on <c>metadata</c> that hold for every kind; the kind supplies its name rule and scope.</summary>
public static class ObjectMetaValidator
{
    private const string Path = "metadata";

    public static IEnumerable<FieldError> Validate(
        V1ObjectMeta? meta, bool namespaced, Func<string, IReadOnlyList<string>> nameRule)
    {
        meta ??= new V1ObjectMeta();
        var name = meta.Name ?? "";
        if (name.Length == 0)
        {
            yield return FieldError.Required($"{Path}.name", "name or generateName is required");
        }
        else
        {
            foreach (var message in nameRule(name))
            {
                yield return FieldError.Invalid($"{Path}.name", name, message);
            }
        }

        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            foreach (var message in NameGenerator.ValidatePrefix(meta.GenerateName, nameRule))
            {
                yield return FieldError.Invalid($"{Path}.generateName", meta.GenerateName, message);
            }
        }

        foreach (var error in ValidateNamespace(meta.NamespaceProperty ?? "", namespaced))
        {
            yield return error;
        }

        if (meta.Generation < 0)
        {
            yield return FieldError.Invalid($"{Path}.generation", meta.Generation, "must be greater than or equal to 0");
        }

        var all = LabelSyntax.ValidateLabels(meta.Labels, $"{Path}.labels")
            .Concat(LabelSyntax.ValidateAnnotations(meta.Annotations, $"{Path}.annotations"))
            .Concat(OwnerReferencesValidator.Validate(meta.OwnerReferences, $"{Path}.ownerReferences"))
            .Concat(ValidateFinalizers(meta.Finalizers, $"{Path}.finalizers"));
        foreach (var error in all)
        {
            yield return error;
        }
    }

    /// <summary>
    /// The new metadata must be valid on its own, and identity fields may not change. The caller copies
    /// server-owned fields (uid, creationTimestamp) from the old object first, so a client cannot clear them.
    /// </summary>
    public static IEnumerable<FieldError> ValidateUpdate(
        V1ObjectMeta? newMeta, V1ObjectMeta? oldMeta, bool namespaced, Func<string, IReadOnlyList<string>> nameRule)
    {
        newMeta ??= new V1ObjectMeta();
        oldMeta ??= new V1ObjectMeta();
        var immutable = new (string Field, object? New, object? Old)[]
        {
            ("name", newMeta.Name ?? "", oldMeta.Name ?? ""),
            ("namespace", newMeta.NamespaceProperty ?? "", oldMeta.NamespaceProperty ?? ""),
            ("uid", newMeta.Uid ?? "", oldMeta.Uid ?? ""),
            ("creationTimestamp", newMeta.CreationTimestamp, oldMeta.CreationTimestamp),
        };
        foreach (var (field, newValue, oldValue) in immutable)
        {
            if (!Equals(newValue, oldValue))
            {
                yield return FieldError.Invalid($"{Path}.{field}", newValue, "field is immutable");
            }
        }

        foreach (var error in Validate(newMeta, namespaced, nameRule))
        {
            yield return error;
        }
    }

    /// <summary>Finalizers are qualified names; orphaning and foreground deletion contradict each other.</summary>
    public static IEnumerable<FieldError> ValidateFinalizers(IList<string>? finalizers, string field)
    {
        finalizers ??= [];
        foreach (var finalizer in finalizers)
        {
            foreach (var message in LabelSyntax.IsQualifiedName(finalizer ?? ""))
            {
                yield return FieldError.Invalid(field, finalizer, message);
            }
        }

        if (finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
        {
            yield return FieldError.Invalid(
                field, string.Join(", ", finalizers), "finalizers 'orphan' and 'foregroundDeletion' cannot be both set");
        }
    }

    private static IEnumerable<FieldError> ValidateNamespace(string ns, bool namespaced)
    {
        var field = $"{Path}.namespace";
        if (!namespaced)
        {
            if (ns.Length > 0)
            {
                yield return FieldError.Forbidden(field, "not allowed on this type");
            }

            yield break;
        }

        if (ns.Length == 0)
        {
            yield return FieldError.Required(field);
            yield break;
        }

        foreach (var message in NameSyntax.IsDns1123Label(ns))
        {
            yield return FieldError.Invalid(field, ns, message);
        }
    }
}
