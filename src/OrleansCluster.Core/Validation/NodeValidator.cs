using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>Node taints and pod CIDRs.</summary>
public static class NodeValidator
{
    public static IEnumerable<FieldError> ValidateCreate(V1Node node)
    {
        var spec = node.Spec ?? new V1NodeSpec();
        var errors = new List<FieldError>();
        errors.AddRange(ValidateTaints(spec.Taints ?? []));
        if (!string.IsNullOrEmpty(spec.PodCIDR) && !NetworkSyntax.IsCidr(spec.PodCIDR))
        {
            errors.Add(FieldError.Invalid("spec.podCIDR", spec.PodCIDR, NetworkSyntax.CidrMessage));
        }

        var cidrs = spec.PodCIDRs ?? [];
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!NetworkSyntax.IsCidr(cidrs[i] ?? ""))
            {
                errors.Add(FieldError.Invalid($"spec.podCIDRs[{i}]", cidrs[i], NetworkSyntax.CidrMessage));
            }
        }

        if (cidrs.Count > 0 && !string.IsNullOrEmpty(spec.PodCIDR) && spec.PodCIDR != cidrs[0])
        {
            errors.Add(FieldError.Invalid("spec.podCIDRs", string.Join(",", cidrs), "first entry must match `spec.podCIDR`"));
        }

        return errors;
    }

    /// <summary>Pod CIDRs, once assigned, are fixed: pods on the node already hold addresses from them.</summary>
    public static IEnumerable<FieldError> ValidateUpdate(V1Node newNode, V1Node oldNode)
    {
        var errors = ValidateCreate(newNode).ToList();
        var oldCidr = oldNode.Spec?.PodCIDR ?? "";
        if (oldCidr.Length > 0 && (newNode.Spec?.PodCIDR ?? "") != oldCidr)
        {
            errors.Add(FieldError.Forbidden("spec.podCIDR", "node updates may not change podCIDR except from \"\" to valid"));
        }

        return errors;
    }

    private static IEnumerable<FieldError> ValidateTaints(IList<V1Taint> taints)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            var path = $"spec.taints[{i}]";
            var key = taint.Key ?? "";
            if (key.Length == 0)
            {
                yield return FieldError.Required($"{path}.key");
            }

            foreach (var message in key.Length == 0 ? [] : LabelSyntax.IsQualifiedName(key))
            {
                yield return FieldError.Invalid($"{path}.key", key, message);
            }

            foreach (var message in LabelSyntax.IsLabelValue(taint.Value ?? ""))
            {
                yield return FieldError.Invalid($"{path}.value", taint.Value, message);
            }

            foreach (var error in TaintEffects.Validate(taint.Effect, allowEmpty: false, $"{path}.effect"))
            {
                yield return error;
            }

            if (!seen.Add((key, taint.Effect ?? "")))
            {
                yield return FieldError.Duplicate(path, $"{key}:{taint.Effect}");
            }
        }
    }
}
