using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Everything in a pod spec but a few fields is immutable. The check overlays the mutable fields of the
/// new spec onto the old one and requires the rest to be unchanged, as the API server does.
/// </summary>
public static class PodSpecImmutability
{
    public const string Message =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
        "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static IEnumerable<FieldError> Validate(V1PodSpec newSpec, V1PodSpec oldSpec)
    {
        var munged = newSpec with
        {
            Containers = WithImagesOf(newSpec.Containers, oldSpec.Containers),
            InitContainers = WithImagesOf(newSpec.InitContainers, oldSpec.InitContainers),
            ActiveDeadlineSeconds = oldSpec.ActiveDeadlineSeconds,
            Tolerations = oldSpec.Tolerations,
            TerminationGracePeriodSeconds =
                oldSpec.TerminationGracePeriodSeconds < 0 && newSpec.TerminationGracePeriodSeconds == 1
                    ? oldSpec.TerminationGracePeriodSeconds
                    : newSpec.TerminationGracePeriodSeconds,
        };

        var changed = JsonComparison.ChangedProperties(munged, oldSpec);
        if (changed.Count > 0)
        {
            // Kubernetes appends a diff; naming the changed fields serves the same purpose readably.
            var fields = string.Join(", ", changed.Select(c => "spec." + c));
            yield return FieldError.Forbidden("spec", $"{Message}\n  changed: {fields}");
        }
    }

    // Containers take the old image so that an image change alone compares equal.
    private static IList<V1Container>? WithImagesOf(IList<V1Container>? newContainers, IList<V1Container>? oldContainers) =>
        newContainers?.Select((c, i) => i < (oldContainers?.Count ?? 0) ? c with { Image = oldContainers![i].Image } : c)
            .ToList();
}
