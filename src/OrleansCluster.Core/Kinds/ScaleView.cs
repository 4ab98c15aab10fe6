using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// How a scalable kind answers its <c>scale</c> subresource: an <c>autoscaling/v1</c> Scale with the object's
/// identity, the desired replicas (<c>spec.replicas</c>, which a scale write sets), the observed replicas and the
/// pod selector as a string, as <c>kubectl scale</c> and autoscalers read them.
/// </summary>
public sealed class ScaleView
{
    private readonly Func<IKubernetesObject<V1ObjectMeta>, V1ScaleSpec> spec;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, V1ScaleStatus> status;

    private ScaleView(
        Func<IKubernetesObject<V1ObjectMeta>, V1ScaleSpec> spec, Func<IKubernetesObject<V1ObjectMeta>, V1ScaleStatus> status)
    {
        this.spec = spec;
        this.status = status;
    }

    /// <summary>A view of objects of model type <typeparamref name="T"/>.</summary>
    public static ScaleView For<T>(Func<T, int?> desired, Func<T, int?> observed, Func<T, string> selector)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(
            o => new V1ScaleSpec { Replicas = desired((T)o) },
            o => new V1ScaleStatus { Replicas = observed((T)o) ?? 0, Selector = selector((T)o) });

    /// <summary>The Scale of <paramref name="obj"/>.</summary>
    public V1Scale Of(IKubernetesObject<V1ObjectMeta> obj) => new()
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new V1ObjectMeta
        {
            Name = obj.Metadata?.Name,
            NamespaceProperty = obj.Metadata?.NamespaceProperty,
            Uid = obj.Metadata?.Uid,
            ResourceVersion = obj.Metadata?.ResourceVersion,
            CreationTimestamp = obj.Metadata?.CreationTimestamp,
        },
        Spec = spec(obj),
        Status = status(obj),
    };
}
