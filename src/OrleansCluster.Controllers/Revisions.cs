using k8s;
using k8s.Models;

namespace OrleansCluster.Controllers;

/// <summary>The store revision an object answered by a write carries (its resourceVersion).</summary>
internal static class Revisions
{
    public static long Of(IKubernetesObject<V1ObjectMeta> obj) =>
        long.TryParse(obj.Metadata?.ResourceVersion, out var revision) ? revision : 0;
}
