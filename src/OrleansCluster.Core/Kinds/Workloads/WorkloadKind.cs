using k8s;
using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// A replicated workload (Deployment, ReplicaSet, ReplicationController): in category <c>all</c>, with
/// <c>status</c> and <c>scale</c>. As Kubernetes' strategies do, a create starts from a fresh status whatever the
/// client sent (<see cref="NewStatus"/>), and a spec update keeps the stored status: only <c>/status</c> writes it.
/// </summary>
public abstract class WorkloadKind<T> : KindDefinition<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public sealed override IReadOnlyList<string> Categories => ["all"];

    public sealed override IReadOnlyList<string> Subresources => ["status", "scale"];

    /// <summary>The status a new object starts with.</summary>
    protected abstract object NewStatus();

    protected sealed override void OnCreate(T obj)
    {
        OnDefault(obj);
        ObjectShape.SetStatus(obj, NewStatus());
    }

    protected sealed override void OnUpdate(T newObj, T oldObj)
    {
        OnDefault(newObj);
        ObjectShape.SetStatus(newObj, ObjectShape.GetStatus(oldObj));
    }
}
