using System.Globalization;
using k8s.Models;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// The annotations a Deployment keeps on its ReplicaSets, as Kubernetes: its own annotations copied onto the new
/// ReplicaSet (so <c>kubernetes.io/change-cause</c> shows in <c>kubectl rollout history</c>), the revision (a
/// ReplicaSet brought back by a rollback records its earlier revisions in <c>revision-history</c>), and the
/// <c>desired-replicas</c>/<c>max-replicas</c> the Deployment had when it last sized the set (proportional scaling
/// reads them).
/// </summary>
public static class ReplicaSetAnnotations
{
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>Marks a ReplicaSet the Deployment once rolled out completely: where an automatic rollback may return.</summary>
    public const string FullyAvailable = "orleanscluster.io/fully-available";

    /// <summary>Annotations that describe one object and are not copied from the Deployment to its ReplicaSets.</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        Revisions.Annotation,
        RevisionHistory,
        DesiredReplicas,
        MaxReplicas,
        "deprecated.deployment.rollback.to",
        FullyAvailable,
    };

    public static bool Copied(string key) => !NotCopied.Contains(key);

    /// <summary>Copies the Deployment's own annotations onto <paramref name="annotations"/>; true when that changed them.</summary>
    public static bool CopyFrom(IDictionary<string, string>? deployment, IDictionary<string, string> annotations)
    {
        var changed = false;
        foreach (var (key, value) in deployment ?? new Dictionary<string, string>())
        {
            if (Copied(key) && (!annotations.TryGetValue(key, out var current) || current != value))
            {
                annotations[key] = value;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Raises the set's revision to <paramref name="revision"/> when it is lower, keeping the one it had in
    /// <c>revision-history</c>; true when that changed them.
    /// </summary>
    public static bool SetRevision(IDictionary<string, string> annotations, long revision)
    {
        var old = annotations.TryGetValue(Revisions.Annotation, out var text)
                  && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        if (old >= revision)
        {
            return false;
        }

        if (old > 0)
        {
            annotations[RevisionHistory] = annotations.TryGetValue(RevisionHistory, out var history) && history.Length > 0
                ? $"{history},{old}"
                : old.ToString(CultureInfo.InvariantCulture);
        }

        annotations[Revisions.Annotation] = revision.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Sets <c>desired-replicas</c> and <c>max-replicas</c>; true when that changed them.</summary>
    public static bool SetReplicas(IDictionary<string, string> annotations, int desired, int max)
    {
        var changed = Set(annotations, DesiredReplicas, desired);
        return Set(annotations, MaxReplicas, max) || changed;
    }

    /// <summary>A whole-number annotation, if the set has it.</summary>
    public static int? Read(V1ObjectMeta? meta, string key) =>
        meta?.Annotations?.TryGetValue(key, out var text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Set(IDictionary<string, string> annotations, string key, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (annotations.TryGetValue(key, out var current) && current == text)
        {
            return false;
        }

        annotations[key] = text;
        return true;
    }
}
