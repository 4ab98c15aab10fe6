using k8s.Models;

namespace OrleansCluster.Core.Tests.Kinds;

/// <summary>Minimal valid workloads, as a user writes them, for the kind tests.</summary>
internal static class Workloads
{
    public static V1PodTemplateSpec Template(string app = "web") => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
    };

    public static V1Deployment Deployment(string selectorApp = "web", string templateApp = "web") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = selectorApp } },
            Template = Template(templateApp),
        },
    };

    public static V1ReplicaSet ReplicaSet(string selectorApp = "web", string templateApp = "web") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ReplicaSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = selectorApp } },
            Template = Template(templateApp),
        },
    };

    public static V1ReplicationController ReplicationController(Dictionary<string, string>? selector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ReplicationControllerSpec { Selector = selector, Template = Template() },
    };
}
