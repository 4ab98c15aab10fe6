using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Api;

/// <summary>The <c>pods/binding</c> subresource: what a scheduler calls to place a pod.</summary>
public static class PodBindingExtensions
{
    /// <summary>
    /// Binds pod <paramref name="name"/> to <paramref name="nodeName"/>; returns the pod as stored.
    /// A pod already assigned or being deleted throws a 409 Conflict; a missing pod 404.
    /// </summary>
    public static async Task<V1Pod> BindAsync(this ResourceClient<V1Pod> pods, string name, string ns, string nodeName)
    {
        var binding = new V1Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Target = new V1ObjectReference { Kind = "Node", Name = nodeName },
        };
        return (V1Pod)ModelCodec.Parse(Core.Resources.ResourceTypes.Pod, await pods.Grain(ns, name).Bind(ModelCodec.Write(binding)));
    }
}
