using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

public static class NodeDefaulter
{
    /// <summary>A node that reports capacity but no allocatable has nothing reserved, so all of it is allocatable.</summary>
    public static void Apply(V1Node node)
    {
        node.Spec ??= new V1NodeSpec();
        if (node.Status is { Allocatable: null, Capacity: { } capacity })
        {
            node.Status.Allocatable = new Dictionary<string, ResourceQuantity>(capacity);
        }
    }

    /// <summary>The node agent reports status through the status path; a spec update keeps it.</summary>
    public static void ApplyUpdate(V1Node newNode, V1Node oldNode)
    {
        newNode.Status = oldNode.Status;
        Apply(newNode);
    }
}
