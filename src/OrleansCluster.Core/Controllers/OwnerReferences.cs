using k8s.Models;

namespace OrleansCluster.Core.Controllers;

/// <summary>The <c>ownerReferences</c> rules controllers share: who controls an object, and the reference a controller stamps.</summary>
public static class OwnerReferences
{
    /// <summary>The reference with <c>controller: true</c>, if any (at most one may have it).</summary>
    public static V1OwnerReference? ControllerOf(V1ObjectMeta? meta) =>
        meta?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>The reference a controller puts on what it makes or adopts: it controls it and blocks its foreground deletion.</summary>
    public static V1OwnerReference ControllerReference(string apiVersion, string kind, string name, string uid) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = name,
        Uid = uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
