using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>Toleration syntax, and the rule that an update may only add tolerations.</summary>
public static class TolerationValidator
{
    private static readonly IReadOnlyList<string> Operators = ["Equal", "Exists"];

    public static IEnumerable<FieldError> Validate(IList<V1Toleration>? tolerations, string field)
    {
        var list = tolerations ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var error in ValidateOne(list[i], $"{field}[{i}]"))
            {
                yield return error;
            }
        }
    }

    /// <summary>
    /// Every old toleration must still be present; only its tolerationSeconds may differ. Removing one could
    /// evict a running pod from a node it is already on, which is why Kubernetes forbids it.
    /// </summary>
    public static IEnumerable<FieldError> ValidateUpdate(
        IList<V1Toleration>? newTolerations, IList<V1Toleration>? oldTolerations, string field)
    {
        var added = newTolerations ?? [];
        foreach (var old in oldTolerations ?? [])
        {
            if (!added.Any(n => SameIgnoringSeconds(old, n)))
            {
                yield return FieldError.Forbidden(field, "existing toleration can not be modified except its tolerationSeconds");
                yield break;
            }
        }

        foreach (var error in Validate(newTolerations, field))
        {
            yield return error;
        }
    }

    private static bool SameIgnoringSeconds(V1Toleration a, V1Toleration b) =>
        KubernetesJson.Serialize(a with { TolerationSeconds = null })
        == KubernetesJson.Serialize(b with { TolerationSeconds = null });

    private static IEnumerable<FieldError> ValidateOne(V1Toleration toleration, string path)
    {
        var key = toleration.Key ?? "";
        var op = toleration.OperatorProperty ?? "";
        var value = toleration.Value ?? "";
        foreach (var message in key.Length > 0 ? LabelSyntax.IsQualifiedName(key) : [])
        {
            yield return FieldError.Invalid($"{path}.key", key, message);
        }

        if (key.Length == 0 && op != "Exists")
        {
            yield return FieldError.Invalid($"{path}.operator", op,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
        }

        if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffects.NoExecute)
        {
            yield return FieldError.Invalid($"{path}.effect", toleration.Effect ?? "",
                "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }

        switch (op)
        {
            case "" or "Equal":
                var problems = LabelSyntax.IsLabelValue(value);
                if (problems.Count > 0)
                {
                    yield return FieldError.Invalid($"{path}.operator", value, string.Join(";", problems));
                }

                break;
            case "Exists":
                if (value.Length > 0)
                {
                    yield return FieldError.Invalid($"{path}.operator", value, "value must be empty when `operator` is 'Exists'");
                }

                break;
            default:
                yield return FieldError.NotSupported($"{path}.operator", op, Operators);
                break;
        }

        foreach (var error in TaintEffects.Validate(toleration.Effect, allowEmpty: true, $"{path}.effect"))
        {
            yield return error;
        }
    }
}
