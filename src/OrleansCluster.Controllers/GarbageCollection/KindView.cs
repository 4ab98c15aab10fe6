using k8s;
using k8s.Models;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.GarbageCollection;

/// <summary>The key of one object the collector looks at: its resource (<c>pods</c>, <c>replicasets.apps</c>) and name.</summary>
public readonly record struct CollectorKey(string Resource, string? Namespace, string Name)
{
    public static CollectorKey Of(ResourceType type, IKubernetesObject<V1ObjectMeta> obj) =>
        new(type.QualifiedPlural, string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    /// <summary>Namespaced objects are sliced by namespace (an owner and its dependents share one), others by name.</summary>
    public string ShardKey => Namespace ?? Name;

    public override string ToString() => Namespace is null ? $"{Resource}/{Name}" : $"{Resource}/{Namespace}/{Name}";
}

/// <summary>
/// The shared informer of one kind, seen without its model type: the collector treats every kind alike, through
/// metadata only (Kubernetes' collector watches metadata informers for the same reason).
/// </summary>
internal interface IKindView
{
    ResourceType Type { get; }

    long Revision { get; }

    IKubernetesObject<V1ObjectMeta>? Get(string? ns, string name);

    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> List();

    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> OwnedBy(string uid);

    Task WaitForRevisionAsync(long revision, CancellationToken ct);

    /// <summary>Feeds this kind's events, as keys, into <paramref name="controller"/>.</summary>
    void Feed(Controller<CollectorKey> controller, Func<ResourceType, InformerEvent<IKubernetesObject<V1ObjectMeta>>, IEnumerable<CollectorKey>> keysOf);
}

internal static class KindViews
{
    /// <summary>The view over the process's informer for <paramref name="type"/> (started if it is the first asked for).</summary>
    public static IKindView For(SharedInformers informers, ResourceType type) =>
        (IKindView)Activator.CreateInstance(typeof(KindView<>).MakeGenericType(type.ModelType), informers, type)!;
}

internal sealed class KindView<T>(SharedInformers informers, ResourceType type) : IKindView
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly SharedInformer<T> informer = informers.For<T>(type);

    public ResourceType Type => type;

    public long Revision => informer.Revision;

    public IKubernetesObject<V1ObjectMeta>? Get(string? ns, string name) => informer.Get(new ObjectName(ns, name));

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> List() => informer.List();

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> OwnedBy(string uid) => informer.OwnedBy(uid);

    public Task WaitForRevisionAsync(long revision, CancellationToken ct) => informer.WaitForRevisionAsync(revision, ct);

    public void Feed(Controller<CollectorKey> controller, Func<ResourceType, InformerEvent<IKubernetesObject<V1ObjectMeta>>, IEnumerable<CollectorKey>> keysOf) =>
        controller.Watch(informer, e => keysOf(type, new InformerEvent<IKubernetesObject<V1ObjectMeta>>(e.Type, e.Old, e.New)));
}
