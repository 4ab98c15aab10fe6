using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// The process's view of the pods bound to its nodes: the runtime's shared informer over the API, telling the agent
/// of every pod of a local node that changed, appeared or went. With one node it asks only for that node's pods
/// (<c>spec.nodeName=</c>, as kubelet does); a process of hollow nodes watches all pods once and keeps those of its nodes.
/// </summary>
public sealed class PodInformer : IDisposable
{
    private readonly HashSet<string> local;
    private readonly SharedInformer<V1Pod> pods;
    private readonly IDisposable subscription;

    public PodInformer(OrleansClusterClient client, IReadOnlyCollection<string> nodes, Action<PodKey> changed, ILogger logger)
    {
        local = new HashSet<string>(nodes, StringComparer.Ordinal);
        var fieldSelector = local.Count == 1 ? $"spec.nodeName={local.First()}" : null;
        pods = new SharedInformer<V1Pod>(new ApiListWatch(client, _ => fieldSelector), ResourceTypes.Pod, logger);
        subscription = pods.Subscribe(e =>
        {
            foreach (var pod in new[] { e.Old, e.New }.OfType<V1Pod>().DistinctBy(p => p.Spec?.NodeName))
            {
                if (local.Contains(pod.Spec?.NodeName ?? ""))
                {
                    changed(new PodKey(pod.Spec!.NodeName, pod.Metadata.NamespaceProperty, pod.Metadata.Name));
                }
            }
        });
    }

    /// <summary>Completes once the first list is in.</summary>
    public Task Synced => pods.Synced;

    /// <summary>The cached pods bound to <paramref name="node"/>.</summary>
    public IReadOnlyList<V1Pod> PodsOn(string node) => pods.List().Where(p => p.Spec?.NodeName == node).ToList();

    /// <summary>True when the cache holds a pod of this name bound to this node.</summary>
    public bool Knows(PodKey key) => pods.Get(new ObjectName(key.Namespace, key.Name))?.Spec?.NodeName == key.Node;

    public Task RunAsync(CancellationToken ct) => pods.RunAsync(ct);

    public void Dispose() => subscription.Dispose();
}
