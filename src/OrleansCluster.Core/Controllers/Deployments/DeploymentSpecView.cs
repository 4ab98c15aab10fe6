using k8s.Models;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// A Deployment's spec with apps/v1's defaults applied where a field is absent (one replica, RollingUpdate at
/// 25%/25%, a history of 10, a 600 s progress deadline), and the fenceposts its strategy allows: Recreate surges
/// nothing and keeps nothing unavailable-tolerant (Kubernetes' MaxSurge/MaxUnavailable are 0 for it).
/// </summary>
public sealed record DeploymentSpecView(
    string Namespace, string Name, string Uid, long Generation, int Replicas, bool Recreate, RolloutLimits Limits,
    LabelSelector Selector, V1PodTemplateSpec Template, int MinReadySeconds, int RevisionHistoryLimit,
    int ProgressDeadlineSeconds, bool Paused, bool Deleting)
{
    public const string RecreateStrategy = "Recreate";

    public V1OwnerReference ControllerReference => OwnerReferences.ControllerReference("apps/v1", "Deployment", Name, Uid);

    /// <summary>How many pods the Deployment may have at once (replicas + maxSurge; Kubernetes' max-replicas annotation).</summary>
    public int MaxReplicas => Replicas + Limits.MaxSurge;

    /// <exception cref="FormatException">for a maxSurge or maxUnavailable validation would have refused.</exception>
    public static DeploymentSpecView Of(V1Deployment deployment)
    {
        var spec = deployment.Spec ?? new V1DeploymentSpec();
        var replicas = spec.Replicas ?? 1;
        var recreate = spec.Strategy?.Type == RecreateStrategy;
        var limits = recreate || replicas == 0
            ? new RolloutLimits(recreate ? 0 : Surge(spec, replicas), 0)
            : RolloutLimits.Resolve(spec.Strategy?.RollingUpdate?.MaxSurge, spec.Strategy?.RollingUpdate?.MaxUnavailable, replicas);
        return new DeploymentSpecView(
            deployment.Metadata.NamespaceProperty, deployment.Metadata.Name, deployment.Metadata.Uid,
            deployment.Metadata.Generation ?? 0, replicas, recreate, limits, LabelSelector.FromMetav1(spec.Selector),
            spec.Template ?? new V1PodTemplateSpec(), spec.MinReadySeconds ?? 0, spec.RevisionHistoryLimit ?? 10,
            spec.ProgressDeadlineSeconds ?? 600, spec.Paused == true, deployment.Metadata.DeletionTimestamp is not null);
    }

    private static int Surge(V1DeploymentSpec spec, int replicas) =>
        RolloutLimits.Resolve(spec.Strategy?.RollingUpdate?.MaxSurge, spec.Strategy?.RollingUpdate?.MaxUnavailable, replicas).MaxSurge;
}
