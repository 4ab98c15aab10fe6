using k8s.Models;

namespace OrleansCluster.Cluster.Tests;

/// <summary>Small manifests with labels and annotations, so a round trip has something to lose.</summary>
internal static class Manifests
{
    public static V1Namespace Namespace(string name) => new() { Metadata = Meta(name, null) };

    public static V1Pod Pod(string ns, string name) => new()
    {
        Metadata = Meta(name, ns),
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "3600"] }] },
    };

    public static V1Service Service(string ns, string name) => new()
    {
        Metadata = Meta(name, ns),
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Port = 80 }] },
    };

    public static Corev1Event Event(string ns, string name, string pod) => new()
    {
        Metadata = Meta(name, ns),
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = ns },
        Reason = "Started",
        Message = $"Started container main of {pod}",
        Type = "Normal",
    };

    public static V1Node Node(string name) => new() { Metadata = Meta(name, null) };

    /// <summary>A container of the local busybox image that runs until SIGTERM, which ends it at once.</summary>
    public static V1Container UntilTerm(V1ResourceRequirements? resources = null) => new()
    {
        Name = "main",
        Image = "orleanscluster/busybox:local",
        ImagePullPolicy = "Never",
        Command = ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"],
        Resources = resources,
    };

    private static V1ObjectMeta Meta(string name, string? ns) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string> { ["app"] = name, ["tier"] = "test" },
        Annotations = new Dictionary<string, string> { ["example.com/note"] = $"written before the restart: {name}", ["verbatim"] = " {\"kept\": [1, 2]} " },
    };
}
