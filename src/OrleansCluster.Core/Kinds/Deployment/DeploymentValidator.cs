using System.Globalization;
using k8s.Models;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>Kubernetes' ValidateDeploymentSpec: selector and template, counts, strategy, deadlines.</summary>
public static class DeploymentValidator
{
    private static readonly string[] StrategyTypes = [DeploymentDefaulter.Recreate, DeploymentDefaulter.RollingUpdate];

    public static IEnumerable<FieldError> Validate(V1Deployment deployment)
    {
        var spec = deployment.Spec ?? new V1DeploymentSpec();
        var errors = new List<FieldError>();
        errors.AddRange(WorkloadRules.Nonnegative(spec.Replicas, "spec.replicas"));
        errors.AddRange(WorkloadRules.AppsSelector(spec.Selector, out var selector));
        errors.AddRange(PodTemplates.Validate(spec.Template, selector, "ReplicaSet"));
        errors.AddRange(Strategy(spec.Strategy));
        errors.AddRange(WorkloadRules.Nonnegative(spec.MinReadySeconds, "spec.minReadySeconds"));
        errors.AddRange(WorkloadRules.Nonnegative(spec.RevisionHistoryLimit, "spec.revisionHistoryLimit"));
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            errors.AddRange(WorkloadRules.Nonnegative(deadline, "spec.progressDeadlineSeconds"));
            if (deadline <= (spec.MinReadySeconds ?? 0))
            {
                errors.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }

        return errors;
    }

    private static IEnumerable<FieldError> Strategy(V1DeploymentStrategy? strategy)
    {
        const string Path = "spec.strategy";
        var type = strategy?.Type ?? "";
        if (!StrategyTypes.Contains(type))
        {
            return [FieldError.NotSupported($"{Path}.type", type, StrategyTypes)];
        }

        if (type == DeploymentDefaulter.Recreate)
        {
            return strategy!.RollingUpdate is null
                ? []
                : [FieldError.Forbidden($"{Path}.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")];
        }

        var rolling = strategy!.RollingUpdate;
        if (rolling is null)
        {
            return [];
        }

        var errors = new List<FieldError>();
        var unavailable = IntOrPercent(rolling.MaxUnavailable?.Value, $"{Path}.rollingUpdate.maxUnavailable", errors);
        var surge = IntOrPercent(rolling.MaxSurge?.Value, $"{Path}.rollingUpdate.maxSurge", errors);
        if (unavailable is { Percent: true, Amount: > 100 })
        {
            errors.Add(FieldError.Invalid($"{Path}.rollingUpdate.maxUnavailable", rolling.MaxUnavailable!.Value, "must not be greater than 100%"));
        }

        if (unavailable?.Amount == 0 && surge?.Amount == 0)
        {
            errors.Add(FieldError.Invalid(
                $"{Path}.rollingUpdate.maxUnavailable", rolling.MaxUnavailable!.Value, "may not be 0 when `maxSurge` is 0"));
        }

        return errors;
    }

    /// <summary>Kubernetes' ValidatePositiveIntOrPercent: a count ≥ 0 or a percentage like <c>25%</c>.</summary>
    private static (int Amount, bool Percent)? IntOrPercent(string? value, string field, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            errors.AddRange(WorkloadRules.Nonnegative(count, field));
            return (count, false);
        }

        if (value.EndsWith('%') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return (percent, true);
        }

        errors.Add(FieldError.Invalid(field, value,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
        return null;
    }
}
