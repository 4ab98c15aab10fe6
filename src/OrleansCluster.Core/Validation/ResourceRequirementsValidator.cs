using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Container requests and limits: known or fully qualified resource names, non-negative amounts,
/// requests within limits, and exact, whole amounts for resources the node cannot overcommit.
/// </summary>
public static class ResourceRequirementsValidator
{
    private static readonly HashSet<string> StandardContainerResources =
        new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    public static IEnumerable<FieldError> Validate(V1ResourceRequirements? resources, string field)
    {
        var limits = resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
        var requests = resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
        var limitsPath = $"{field}.limits";
        var requestsPath = $"{field}.requests";

        foreach (var (name, quantity) in limits)
        {
            foreach (var error in ValidateEntry(name, quantity, $"{limitsPath}[{name}]"))
            {
                yield return error;
            }
        }

        foreach (var (name, quantity) in requests)
        {
            foreach (var error in ValidateEntry(name, quantity, $"{requestsPath}[{name}]"))
            {
                yield return error;
            }

            var request = quantity?.ToDecimal() ?? 0;
            if (limits.TryGetValue(name, out var limitQuantity))
            {
                var limit = limitQuantity?.ToDecimal() ?? 0;
                if (request != limit && !IsOvercommitAllowed(name))
                {
                    yield return FieldError.Invalid(
                        requestsPath, Text(quantity), $"must be equal to {name} limit of {Text(limitQuantity)}");
                }
                else if (request > limit)
                {
                    yield return FieldError.Invalid(
                        requestsPath, Text(quantity), $"must be less than or equal to {name} limit of {Text(limitQuantity)}");
                }
            }
            else if (!IsOvercommitAllowed(name))
            {
                yield return FieldError.Required(limitsPath, "Limit must be set for non overcommitable resources");
            }
        }
    }

    /// <summary>Native resources are unprefixed or in the kubernetes.io domain; everything else is an extended resource.</summary>
    public static bool IsNative(string name) =>
        !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    // Huge pages and extended resources are handed out whole by the node, so a request must be what is reserved.
    private static bool IsOvercommitAllowed(string name) =>
        IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static IEnumerable<FieldError> ValidateEntry(string name, ResourceQuantity? quantity, string field)
    {
        foreach (var message in LabelSyntax.IsQualifiedName(name))
        {
            yield return FieldError.Invalid(field, name, message);
        }

        if (!name.Contains('/') && !StandardContainerResources.Contains(name)
            && !name.StartsWith("hugepages-", StringComparison.Ordinal))
        {
            yield return FieldError.Invalid(field, name, "must be a standard resource type or fully qualified");
        }

        var value = quantity?.ToDecimal() ?? 0;
        if (value < 0)
        {
            yield return FieldError.Invalid(field, Text(quantity), "must be greater than or equal to 0");
        }

        if (!IsNative(name) && value != decimal.Truncate(value))
        {
            yield return FieldError.Invalid(field, Text(quantity), "must be an integer");
        }
    }

    private static string Text(ResourceQuantity? quantity) => quantity?.ToString() ?? "0";
}
