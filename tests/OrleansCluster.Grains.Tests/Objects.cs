using k8s.Models;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Grains.Tests;

/// <summary>Small manifests for tests.</summary>
internal static class Objects
{
    public static V1Pod Pod(string ns, string name, IDictionary<string, string>? labels = null, string image = "busybox:1.36") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
    };

    public static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    public static V1Service Service(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = 80 }],
        },
    };

    /// <summary>Waits for <paramref name="condition"/> to hold, polling, failing after <paramref name="seconds"/>.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20) =>
        Eventually.True(condition, TimeSpan.FromSeconds(seconds), what);
}
