using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Api;

/// <summary>The cluster's API for .NET programs: one typed client per kind.</summary>
public sealed class OrleansClusterClient(IClusterClient cluster)
{
    /// <summary>The typed client of any kind the cluster serves (<see cref="ResourceTypes"/>).</summary>
    public ResourceClient<T> For<T>(ResourceType type)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> => new(cluster, type);

    public ResourceClient<V1Namespace> Namespaces { get; } = new(cluster, ResourceTypes.Namespace);

    public ResourceClient<V1Pod> Pods { get; } = new(cluster, ResourceTypes.Pod);

    public ResourceClient<V1Service> Services { get; } = new(cluster, ResourceTypes.Service);

    public ResourceClient<V1Node> Nodes { get; } = new(cluster, ResourceTypes.Node);

    public ResourceClient<Corev1Event> Events { get; } = new(cluster, ResourceTypes.Event);

    public ResourceClient<V1Lease> Leases { get; } = new(cluster, ResourceTypes.Lease);
}
