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
            // The local image (deploy/docker.sh builds it): no registry is reachable, so nothing is pulled.
            Containers =
            [
                new V1Container
                {
                    Name = "web",
                    Image = "orleanscluster/busybox:local",
                    ImagePullPolicy = "Never",
                    Command = ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"],
                    Ports = [new V1ContainerPort { ContainerPort = 80 }],
                },
            ],
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
