using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// One ReplicaSet of a Deployment during a pass: the object the informer saw, and a copy the pass edits (replicas,
/// annotations, the controller reference when adopted). Counts from the status are the ReplicaSet controller's,
/// read as they were; only the copy's spec changes.
/// </summary>
internal sealed class WorkingSet
{
    public WorkingSet(V1ReplicaSet original)
    {
        Original = original;
        Copy = ModelCodec.CloneModel(original);
        Copy.Metadata.Annotations ??= new Dictionary<string, string>();
        Copy.Spec ??= new V1ReplicaSetSpec();
    }

    public V1ReplicaSet Original { get; }

    public V1ReplicaSet Copy { get; }

    public bool Changed { get; set; }

    public string Name => Original.Metadata.Name;

    public IDictionary<string, string> Annotations => Copy.Metadata.Annotations;

    public long Revision => Revisions.Of(Copy.Metadata);

    /// <summary>The replicas asked for, after this pass's changes (a ReplicaSet defaults to one).</summary>
    public int Replicas => Copy.Spec.Replicas ?? 1;

    public int StatusReplicas => Original.Status?.Replicas ?? 0;

    public int ReadyReplicas => Original.Status?.ReadyReplicas ?? 0;

    public int AvailableReplicas => Original.Status?.AvailableReplicas ?? 0;

    public DateTime Created => Original.Metadata.CreationTimestamp ?? DateTime.MinValue;

    public ReplicaSetScale Scale => new(Name, Replicas, AvailableReplicas);

    public void Adopt(V1OwnerReference reference)
    {
        Copy.Metadata.OwnerReferences = [.. Copy.Metadata.OwnerReferences ?? [], reference];
        Changed = true;
    }

    /// <summary>Asks for <paramref name="replicas"/> and records the Deployment's sizes; the scaling when the count moved.</summary>
    public ReplicaSetScaling? ScaleTo(int replicas, DeploymentSpecView deployment)
    {
        var from = Replicas;
        Changed |= ReplicaSetAnnotations.SetReplicas(Annotations, deployment.Replicas, deployment.MaxReplicas);
        if (from == replicas)
        {
            return null;
        }

        Copy.Spec.Replicas = replicas;
        Changed = true;
        return new ReplicaSetScaling(Name, from, replicas);
    }
}
