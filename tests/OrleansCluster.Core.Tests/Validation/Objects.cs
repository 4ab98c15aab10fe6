using k8s.Models;

namespace OrleansCluster.Core.Tests.Validation;

/// <summary>Minimal valid objects, already defaulted, for tests to break one field at a time.</summary>
internal static class Objects
{
    public static V1Pod Pod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u1" },
        Spec = new V1PodSpec
        {
            Containers = containers.Length > 0 ? containers.ToList() : [Container("app")],
            RestartPolicy = "Always",
            DnsPolicy = "ClusterFirst",
            TerminationGracePeriodSeconds = 30,
        },
    };

    public static V1Container Container(string name, string image = "nginx:1.27") => new()
    {
        Name = name,
        Image = image,
        ImagePullPolicy = "IfNotPresent",
        TerminationMessagePolicy = "File",
    };

    public static V1Service Service(params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            SessionAffinity = "None",
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = ports.Length > 0 ? ports.ToList() : [Port(80)],
        },
    };

    public static V1ServicePort Port(int port, string? name = null, string protocol = "TCP") =>
        new() { Port = port, Name = name, Protocol = protocol, TargetPort = port };

    public static V1Node Node() => new() { Metadata = new V1ObjectMeta { Name = "node-1" }, Spec = new V1NodeSpec() };

    public static V1Namespace Namespace(string name = "team-a") => new() { Metadata = new V1ObjectMeta { Name = name } };

    public static Corev1Event Event() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web.17a", NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "default" },
        Reason = "Scheduled",
        Type = "Normal",
    };

    /// <summary>The (field, reason) pairs of the errors, the part of an error tests assert on.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Causes(IEnumerable<Core.Validation.FieldError> errors) =>
        errors.Select(e => (e.Field, e.Reason)).ToList();
}
