using k8s.Models;

namespace OrleansCluster.Example;

/// <summary>The objects the tour creates, written as one would write their YAML.</summary>
public static class Manifests
{
    public static V1Pod Pod(string ns) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["app"] = "web" },
        },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "nginx", Image = "nginx:1.27", Ports = [new V1ContainerPort { ContainerPort = 80 }] }],
        },
    };

    public static V1Service Service(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Port = 80, TargetPort = 80 }],
        },
    };
}
