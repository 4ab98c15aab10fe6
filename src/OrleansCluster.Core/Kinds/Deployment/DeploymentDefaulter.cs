using k8s.Models;

namespace OrleansCluster.Core.Kinds;

/// <summary>Kubernetes' apps/v1 SetDefaults_Deployment, plus the pod template's pod-spec defaults.</summary>
public static class DeploymentDefaulter
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";

    public static void Apply(V1Deployment deployment)
    {
        var spec = deployment.Spec ??= new V1DeploymentSpec();
        spec.Replicas ??= 1;
        var strategy = spec.Strategy ??= new V1DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = RollingUpdate;
        }

        if (strategy.Type == RollingUpdate)
        {
            var rolling = strategy.RollingUpdate ??= new V1RollingUpdateDeployment();
            rolling.MaxUnavailable ??= "25%";
            rolling.MaxSurge ??= "25%";
        }

        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        PodTemplates.Default(spec.Template);
    }
}
