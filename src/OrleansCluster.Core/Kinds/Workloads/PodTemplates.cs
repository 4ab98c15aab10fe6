using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// The pod template of ReplicaSets, ReplicationControllers and Deployments (<c>spec.template</c>): defaulted and
/// validated like a pod's spec (the pod rules, with their field paths under <c>spec.template.spec</c>), plus what
/// Kubernetes asks of a template whose pods a controller keeps alive.
/// </summary>
public static class PodTemplates
{
    private const string Path = "spec.template";

    /// <summary>Pod-spec defaults for the template, when there is one.</summary>
    public static void Default(V1PodTemplateSpec? template)
    {
        if (template is not null)
        {
            PodDefaulter.ApplySpec(template.Spec ??= new V1PodSpec(), template: true);
        }
    }

    /// <summary>
    /// The template's labels, annotations and pod spec; <c>restartPolicy</c> must be <c>Always</c> and there may be no
    /// <c>activeDeadlineSeconds</c> (the controller restarts pods forever); the labels must match <paramref name="selector"/>.
    /// </summary>
    public static IEnumerable<FieldError> Validate(V1PodTemplateSpec? template, LabelSelector selector, string owner)
    {
        if (template is null)
        {
            yield return FieldError.Required(Path);
            yield break;
        }

        var labels = template.Metadata?.Labels;
        if (!selector.Matches(labels?.AsReadOnly()))
        {
            yield return FieldError.Invalid($"{Path}.metadata.labels", new GoMap(labels), "`selector` does not match template `labels`");
        }

        foreach (var error in LabelSyntax.ValidateLabels(labels, $"{Path}.metadata.labels")
            .Concat(LabelSyntax.ValidateAnnotations(template.Metadata?.Annotations, $"{Path}.metadata.annotations")))
        {
            yield return error;
        }

        var spec = template.Spec ?? new V1PodSpec();
        foreach (var error in PodValidator.ValidateSpec(spec))
        {
            yield return error with { Field = Path + "." + error.Field };
        }

        if (spec.RestartPolicy != "Always")
        {
            yield return FieldError.NotSupported($"{Path}.spec.restartPolicy", spec.RestartPolicy, ["Always"]);
        }

        if (spec.ActiveDeadlineSeconds is not null)
        {
            yield return FieldError.Invalid(
                $"{Path}.spec.activeDeadlineSeconds", spec.ActiveDeadlineSeconds, $"activeDeadlineSeconds in {owner} is not Supported");
        }
    }

    /// <summary>Comma-separated container names and images, the CONTAINERS and IMAGES columns of <c>-o wide</c>.</summary>
    public static (string Names, string Images) Containers(V1PodTemplateSpec? template)
    {
        var containers = template?.Spec?.Containers ?? [];
        return (string.Join(",", containers.Select(c => c.Name)), string.Join(",", containers.Select(c => c.Image)));
    }
}

/// <summary>A label map as Go's <c>%#v</c> prints it in a Status message: <c>map[string]string{"app":"web"}</c>.</summary>
internal sealed class GoMap(IDictionary<string, string>? map)
{
    public override string ToString() =>
        "map[string]string{" + string.Join(", ", (map ?? new Dictionary<string, string>())
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";
}
