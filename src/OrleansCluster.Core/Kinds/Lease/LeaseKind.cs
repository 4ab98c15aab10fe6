using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>coordination.k8s.io/v1</c> Lease: node heartbeats (in <c>kube-node-lease</c>) and leader election.</summary>
public sealed class LeaseKind : KindDefinition<V1Lease>
{
    public static readonly ResourceType Resource = new(
        "coordination.k8s.io", "v1", "Lease", "leases", "lease", Namespaced: true, typeof(V1Lease), [], SelectableFields.None);

    public override ResourceType Type => Resource;

    public override KindPrinter Printer => LeasePrinter.Printer;
}
