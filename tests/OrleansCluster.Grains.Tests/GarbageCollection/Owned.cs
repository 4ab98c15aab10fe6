using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Grains.Tests.GarbageCollection;

/// <summary>Pods owned by pods (a pod can be an owner in Kubernetes too), for the garbage collector's tests.</summary>
internal static class Owned
{
    public static V1OwnerReference Reference(V1Pod owner, bool block = false) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        BlockOwnerDeletion = block,
    };

    public static V1OwnerReference Ghost(string name = "ghost") =>
        new() { ApiVersion = "v1", Kind = "Pod", Name = name, Uid = Guid.NewGuid().ToString() };

    public static async Task<V1Pod> CreateAsync(OrleansClusterClient api, string ns, string name, params V1OwnerReference[] owners)
    {
        var pod = Objects.Pod(ns, name);
        pod.Metadata.OwnerReferences = owners.Length == 0 ? null : owners.ToList();
        return await api.Pods.CreateAsync(pod);
    }

    public static async Task<string> NamespaceAsync(OrleansClusterClient api, string name)
    {
        await api.Namespaces.CreateAsync(Objects.Namespace(name));
        return name;
    }
}
