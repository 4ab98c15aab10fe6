using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Owner references must identify their owner completely (the garbage collector looks owners up by uid)
/// and at most one may be the managing controller.
/// </summary>
public static class OwnerReferencesValidator
{
    public static IEnumerable<FieldError> Validate(IList<V1OwnerReference>? references, string field)
    {
        references ??= [];
        foreach (var reference in references)
        {
            // Kubernetes reports these on the list path without an index; clients match on that.
            var required = new (string Child, string? Value, string Label)[]
            {
                ("apiVersion", reference.ApiVersion, "version"),
                ("kind", reference.Kind, "kind"),
                ("name", reference.Name, "name"),
                ("uid", reference.Uid, "uid"),
            };
            foreach (var (child, value, label) in required)
            {
                if (string.IsNullOrEmpty(value))
                {
                    yield return FieldError.Invalid($"{field}.{child}", value ?? "", $"{label} must not be empty");
                }
            }
        }

        var controllers = references.Where(r => r.Controller == true).ToList();
        if (controllers.Count > 1)
        {
            var owners = string.Join(", ", controllers.Select(r => $"{r.Kind}/{r.Name}"));
            yield return FieldError.Invalid(
                field, owners,
                $"Only one reference can have Controller set to true. Found \"true\" in references for {owners}");
        }
    }
}
