using static OrleansCluster.Gateway.Protobuf.ProtoKind;
using static OrleansCluster.Gateway.Protobuf.ProtoMessage;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>Field numbers of k8s.io/api apps/v1 messages (from its generated.proto).</summary>
internal static class AppsSchemas
{
    public static readonly ProtoMessage RollingUpdateDeployment = new(
        "apps.v1.RollingUpdateDeployment",
        Field(1, "maxUnavailable", IntOrString),
        Field(2, "maxSurge", IntOrString));

    public static readonly ProtoMessage DeploymentStrategy = new(
        "apps.v1.DeploymentStrategy",
        Field(1, "type", Text),
        Field(2, "rollingUpdate", RollingUpdateDeployment));

    public static readonly ProtoMessage DeploymentSpec = new(
        "apps.v1.DeploymentSpec",
        Field(1, "replicas", OptionalInt),
        Field(2, "selector", MetaSchemas.LabelSelector),
        Field(3, "template", CoreSchemas.PodTemplateSpec),
        Field(4, "strategy", DeploymentStrategy),
        Field(5, "minReadySeconds", Int),
        Field(6, "revisionHistoryLimit", OptionalInt),
        Field(7, "paused", Flag),
        Field(9, "progressDeadlineSeconds", OptionalInt));

    public static readonly ProtoMessage Deployment = new(
        "apps.v1.Deployment",
        Field(1, "metadata", MetaSchemas.ObjectMeta),
        Field(2, "spec", DeploymentSpec));
}
