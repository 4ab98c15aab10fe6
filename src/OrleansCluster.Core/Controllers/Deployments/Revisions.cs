using System.Globalization;
using k8s.Models;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// The revision annotations <c>kubectl rollout history|undo</c> read: each ReplicaSet of a Deployment carries the
/// revision its template was last rolled out at, the new one the highest; the Deployment carries its current one.
/// </summary>
public static class Revisions
{
    public const string Annotation = "deployment.kubernetes.io/revision";

    /// <summary>A ReplicaSet's revision; 0 when it has none or it is not a number.</summary>
    public static long Of(V1ObjectMeta? meta) =>
        meta?.Annotations?.TryGetValue(Annotation, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : 0;

    /// <summary>The revision a template rolled out now gets: one past the highest of the Deployment's ReplicaSets.</summary>
    public static long Next(IEnumerable<V1ReplicaSet> sets) => sets.Select(s => Of(s.Metadata)).DefaultIfEmpty(0).Max() + 1;

    /// <summary>
    /// Old ReplicaSets beyond <paramref name="historyLimit"/> that go, as Kubernetes counts them: of the old sets not
    /// being deleted, the surplus over the limit is taken lowest revision first, and among those only the idle ones
    /// (scaled to zero, no pods left, their scale observed) are deleted (kubectl rollout undo can return to the ones kept).
    /// </summary>
    public static IReadOnlyList<V1ReplicaSet> Expired(IEnumerable<V1ReplicaSet> old, int historyLimit)
    {
        var alive = old.Where(s => s.Metadata?.DeletionTimestamp is null).OrderBy(s => Of(s.Metadata)).ToList();
        return alive.Take(Math.Max(0, alive.Count - historyLimit))
            .Where(s => (s.Spec?.Replicas ?? 0) == 0 && (s.Status?.Replicas ?? 0) == 0
                        && (s.Metadata.Generation ?? 0) <= (s.Status?.ObservedGeneration ?? 0))
            .ToList();
    }
}
