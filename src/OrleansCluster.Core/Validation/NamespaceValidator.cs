using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>A namespace carries only metadata and the finalizers that must run before it is deleted.</summary>
public static class NamespaceValidator
{
    // Unqualified finalizer names are reserved for the ones Kubernetes itself defines.
    private static readonly HashSet<string> StandardFinalizers =
        new(StringComparer.Ordinal) { "kubernetes", "orphan", "foregroundDeletion" };

    public static IEnumerable<FieldError> Validate(V1Namespace ns)
    {
        var finalizers = ns.Spec?.Finalizers ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            var field = $"spec.finalizers[{i}]";
            var finalizer = finalizers[i] ?? "";
            foreach (var message in LabelSyntax.IsQualifiedName(finalizer))
            {
                yield return FieldError.Invalid(field, finalizer, message);
            }

            if (!finalizer.Contains('/') && !StandardFinalizers.Contains(finalizer))
            {
                yield return FieldError.Invalid(field, finalizer, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }
}
