using System.Globalization;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;

namespace OrleansCluster.Benchmarks;

/// <summary>The pods the benchmark writes: small but realistic (one container with requests), defaulted by the API.</summary>
public static class Pods
{
    public static V1Pod New(string ns, string name, IDictionary<string, string> labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "busybox:1.36",
                    Command = ["sleep", "3600"],
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity>
                        {
                            ["cpu"] = new("10m"),
                            ["memory"] = new("16Mi"),
                        },
                    },
                },
            ],
        },
    };

    /// <summary>A JSON merge patch that sets one label: the update the write phases send.</summary>
    public static string LabelPatch(int value) =>
        "{\"metadata\":{\"labels\":{\"rev\":\"" + value.ToString(CultureInfo.InvariantCulture) + "\"}}}";

    public static async Task EnsureNamespaceAsync(OrleansClusterClient client, string name)
    {
        try
        {
            await client.Namespaces.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Left by an earlier attempt with the same run id.
        }
    }
}
