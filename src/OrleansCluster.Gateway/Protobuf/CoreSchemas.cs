using static OrleansCluster.Gateway.Protobuf.ProtoKind;
using static OrleansCluster.Gateway.Protobuf.ProtoMessage;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>
/// Field numbers of k8s.io/api core/v1 messages (from its generated.proto), for what <c>kubectl create</c> sends.
/// Status messages are not decoded: a create ignores status.
/// </summary>
internal static class CoreSchemas
{
    public static readonly ProtoMessage NamespaceSpec = new("v1.NamespaceSpec", Field(1, "finalizers", Texts));

    public static readonly ProtoMessage Namespace = new(
        "v1.Namespace",
        Field(1, "metadata", MetaSchemas.ObjectMeta),
        Field(2, "spec", NamespaceSpec));

    public static readonly ProtoMessage ConfigMap = new(
        "v1.ConfigMap",
        Field(1, "metadata", MetaSchemas.ObjectMeta),
        Field(2, "data", TextMap),
        Field(3, "binaryData", BytesMap),
        Field(4, "immutable", OptionalFlag));

    public static readonly ProtoMessage Secret = new(
        "v1.Secret",
        Field(1, "metadata", MetaSchemas.ObjectMeta),
        Field(2, "data", BytesMap),
        Field(3, "type", Text),
        Field(4, "stringData", TextMap),
        Field(5, "immutable", OptionalFlag));

    public static readonly ProtoMessage ContainerPort = new(
        "v1.ContainerPort",
        Field(1, "name", Text),
        Field(2, "hostPort", Int),
        Field(3, "containerPort", Int),
        Field(4, "protocol", Text),
        Field(5, "hostIP", Text));

    /// <summary>Only literal values; <c>valueFrom</c> (3) is not decoded.</summary>
    public static readonly ProtoMessage EnvVar = new("v1.EnvVar", Field(1, "name", Text), Field(2, "value", Text));

    public static readonly ProtoMessage ResourceRequirements = new(
        "v1.ResourceRequirements",
        Field(1, "limits", QuantityMap),
        Field(2, "requests", QuantityMap));

    public static readonly ProtoMessage VolumeMount = new(
        "v1.VolumeMount",
        Field(1, "name", Text),
        Field(2, "readOnly", Flag),
        Field(3, "mountPath", Text),
        Field(4, "subPath", Text));

    public static readonly ProtoMessage Container = new(
        "v1.Container",
        Field(1, "name", Text),
        Field(2, "image", Text),
        Field(3, "command", Texts),
        Field(4, "args", Texts),
        Field(5, "workingDir", Text),
        List(6, "ports", ContainerPort),
        List(7, "env", EnvVar),
        Field(8, "resources", ResourceRequirements),
        List(9, "volumeMounts", VolumeMount),
        Field(13, "terminationMessagePath", Text),
        Field(14, "imagePullPolicy", Text),
        Field(16, "stdin", Flag),
        Field(17, "stdinOnce", Flag),
        Field(18, "tty", Flag),
        Field(20, "terminationMessagePolicy", Text));

    public static readonly ProtoMessage LocalObjectReference = new("v1.LocalObjectReference", Field(1, "name", Text));

    /// <summary>The scalar and container fields; volumes, affinity, tolerations and security contexts are not decoded.</summary>
    public static readonly ProtoMessage PodSpec = new(
        "v1.PodSpec",
        List(2, "containers", Container),
        Field(3, "restartPolicy", Text),
        Field(4, "terminationGracePeriodSeconds", OptionalLong),
        Field(5, "activeDeadlineSeconds", OptionalLong),
        Field(6, "dnsPolicy", Text),
        Field(7, "nodeSelector", TextMap),
        Field(8, "serviceAccountName", Text),
        Field(9, "serviceAccount", Text),
        Field(10, "nodeName", Text),
        Field(11, "hostNetwork", Flag),
        Field(12, "hostPID", Flag),
        Field(13, "hostIPC", Flag),
        List(15, "imagePullSecrets", LocalObjectReference),
        Field(16, "hostname", Text),
        Field(17, "subdomain", Text),
        Field(19, "schedulerName", Text),
        List(20, "initContainers", Container),
        Field(21, "automountServiceAccountToken", OptionalFlag),
        Field(24, "priorityClassName", Text),
        Field(25, "priority", OptionalInt),
        Field(27, "shareProcessNamespace", OptionalFlag),
        Field(29, "runtimeClassName", Text),
        Field(30, "enableServiceLinks", OptionalFlag),
        Field(31, "preemptionPolicy", Text),
        Field(35, "setHostnameAsFQDN", OptionalFlag),
        Field(37, "hostUsers", OptionalFlag));

    public static readonly ProtoMessage PodTemplateSpec = new(
        "v1.PodTemplateSpec",
        Field(1, "metadata", MetaSchemas.ObjectMeta),
        Field(2, "spec", PodSpec));
}
