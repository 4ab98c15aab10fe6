using k8s.Models;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// The <c>pods/binding</c> subresource, as Kubernetes' BindingREST: a Binding names a node; binding sets
/// <c>spec.nodeName</c>, copies the binding's annotations onto the pod and sets PodScheduled=True, in one write.
/// A pod already assigned, or being deleted, is refused (the caller reports a Conflict on <c>pods/binding</c>).
/// </summary>
public static class PodBinding
{
    public const string ScheduledCondition = "PodScheduled";

    /// <summary>The binding's own errors: a target node name is required, and a target kind can only be Node.</summary>
    public static IReadOnlyList<FieldError> Validate(V1Binding binding)
    {
        var errors = new List<FieldError>();
        if (binding.Target?.Kind is { Length: > 0 } kind && kind != "Node")
        {
            errors.Add(FieldError.NotSupported("target.kind", kind, ["Node"]));
        }

        if (string.IsNullOrEmpty(binding.Target?.Name))
        {
            errors.Add(FieldError.Required("target.name"));
        }

        return errors;
    }

    /// <summary>Why <paramref name="pod"/> cannot be bound now (Kubernetes' words), or null when it can.</summary>
    public static string? Refusal(V1Pod pod)
    {
        var name = pod.Metadata?.Name;
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return $"pod {name} is being deleted, cannot be assigned to a host";
        }

        return pod.Spec?.NodeName is { Length: > 0 } node ? $"pod {name} is already assigned to node \"{node}\"" : null;
    }

    /// <summary>Binds <paramref name="pod"/> (already checked with <see cref="Refusal"/>) in place.</summary>
    public static void Apply(V1Pod pod, V1Binding binding, DateTime now)
    {
        (pod.Spec ??= new V1PodSpec()).NodeName = binding.Target.Name;
        foreach (var (k, v) in binding.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            (pod.Metadata.Annotations ??= new Dictionary<string, string>())[k] = v;
        }

        SetCondition(pod, new V1PodCondition
        {
            Type = ScheduledCondition,
            Status = "True",
            LastTransitionTime = now,
        });
    }

    /// <summary>
    /// Sets a condition as Kubernetes' UpdatePodCondition: the transition time moves only when the status changes.
    /// Returns false when nothing changed (same status, reason and message).
    /// </summary>
    public static bool SetCondition(V1Pod pod, V1PodCondition condition)
    {
        var conditions = (pod.Status ??= new V1PodStatus()).Conditions ??= [];
        for (var i = 0; i < conditions.Count; i++)
        {
            var old = conditions[i];
            if (old.Type != condition.Type)
            {
                continue;
            }

            if (old.Status == condition.Status && old.Reason == condition.Reason && old.Message == condition.Message)
            {
                return false;
            }

            if (old.Status == condition.Status)
            {
                condition.LastTransitionTime = old.LastTransitionTime;
            }

            conditions[i] = condition;
            return true;
        }

        conditions.Add(condition);
        return true;
    }
}
