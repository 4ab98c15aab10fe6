using k8s.Models;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>Rules the replicated workload kinds share: counts that may not be negative and the apps/v1 selector.</summary>
public static class WorkloadRules
{
    /// <summary>Kubernetes' ValidateNonnegativeField.</summary>
    public static IEnumerable<FieldError> Nonnegative(long? value, string field) =>
        value < 0 ? [FieldError.Invalid(field, value, "must be greater than or equal to 0")] : [];

    /// <summary>
    /// An apps/v1 <c>spec.selector</c>: required, not empty, well formed. <paramref name="parsed"/> is what it selects
    /// (nothing when it is missing or malformed, so the template check that follows reports the mismatch too, as Kubernetes does).
    /// </summary>
    public static IReadOnlyList<FieldError> AppsSelector(V1LabelSelector? selector, out LabelSelector parsed)
    {
        const string Field = "spec.selector";
        parsed = LabelSelector.Nothing;
        if (selector is null)
        {
            return [FieldError.Required(Field)];
        }

        var errors = new List<FieldError>();
        try
        {
            parsed = LabelSelector.FromMetav1(selector);
        }
        catch (SelectorParseException e)
        {
            errors.Add(FieldError.Invalid(Field, Text(selector), e.Message));
        }

        if ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
        {
            errors.Add(FieldError.Invalid(Field, Text(selector), "empty selector is invalid for deployment"));
        }

        return errors;
    }

    /// <summary>An apps/v1 selector may not change once set.</summary>
    public static IEnumerable<FieldError> SelectorUnchanged(V1LabelSelector? newSelector, V1LabelSelector? oldSelector) =>
        Text(newSelector) == Text(oldSelector) ? [] : [FieldError.Invalid("spec.selector", Text(newSelector), "field is immutable")];

    /// <summary>The selector as <c>kubectl</c> prints it (<c>app=web,tier in (a,b)</c>), <c>&lt;none&gt;</c> when it selects everything or nothing.</summary>
    public static string Text(V1LabelSelector? selector) => SelectorString(selector) is { Length: > 0 } text ? text : "<none>";

    /// <summary>The selector in label-selector syntax, as a Scale's <c>status.selector</c>; empty when missing or malformed.</summary>
    public static string SelectorString(V1LabelSelector? selector)
    {
        try
        {
            return selector is null ? "" : LabelSelector.FromMetav1(selector).ToString();
        }
        catch (SelectorParseException)
        {
            return "";
        }
    }
}
