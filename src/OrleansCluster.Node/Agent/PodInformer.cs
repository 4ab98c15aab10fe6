using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// The process's one view of the pods bound to its nodes: list, then watch from the list's resourceVersion
/// (relisting after 410 Expired or a broken watch), and announce every pod that changed, appeared or went.
/// With one node it asks only for that node's pods (<c>spec.nodeName=</c>, as kubelet does); a process of hollow
/// nodes watches all pods once and keeps those of its nodes.
/// </summary>
public sealed partial class PodInformer(OrleansClusterClient client, IReadOnlyCollection<string> nodes, Action<PodKey> changed, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> local = new(nodes, StringComparer.Ordinal);
    private readonly Lock gate = new();
    private Dictionary<(string Namespace, string Name), V1Pod> pods = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first list is in.</summary>
    public Task Synced => synced.Task;

    /// <summary>The cached pods bound to <paramref name="node"/>.</summary>
    public IReadOnlyList<V1Pod> PodsOn(string node)
    {
        lock (gate)
        {
            return pods.Values.Where(p => p.Spec.NodeName == node).ToList();
        }
    }

    /// <summary>True when the cache holds a pod of this name bound to this node.</summary>
    public bool Knows(PodKey key)
    {
        lock (gate)
        {
            return pods.TryGetValue((key.Namespace, key.Name), out var pod) && pod.Spec.NodeName == key.Node;
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var fieldSelector = local.Count == 1 ? $"spec.nodeName={local.First()}" : null;
        string? resourceVersion = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var list = await client.Pods.ListAsync(fieldSelector: fieldSelector);
                    Replace(list.Items);
                    resourceVersion = list.ResourceVersion;
                    synced.TrySetResult();
                }

                await foreach (var e in client.Pods.WatchAsync(resourceVersion: resourceVersion, fieldSelector: fieldSelector, ct: ct))
                {
                    resourceVersion = e.ResourceVersion;
                    if (e.Object is { } pod)
                    {
                        Apply(e.Type, pod);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e) when (e.Code == 410)
            {
                resourceVersion = null;
            }
            catch (Exception e)
            {
                LogWatchFailed(logger, e);
                resourceVersion = null;
                await Task.Delay(RetryDelay, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Replace(IReadOnlyList<V1Pod> items)
    {
        var fresh = items.Where(p => local.Contains(p.Spec.NodeName ?? "")).ToDictionary(p => (p.Metadata.NamespaceProperty, p.Metadata.Name));
        List<(string, string, string)> gone;
        lock (gate)
        {
            gone = pods.Where(p => !fresh.ContainsKey(p.Key)).Select(p => (p.Value.Spec.NodeName, p.Key.Namespace, p.Key.Name)).ToList();
            pods = fresh;
        }

        foreach (var (node, ns, name) in gone)
        {
            changed(new PodKey(node, ns, name));
        }

        foreach (var pod in fresh.Values)
        {
            changed(new PodKey(pod.Spec.NodeName, pod.Metadata.NamespaceProperty, pod.Metadata.Name));
        }
    }

    private void Apply(string type, V1Pod pod)
    {
        var id = (pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        var node = pod.Spec.NodeName ?? "";
        lock (gate)
        {
            if (type == "DELETED" || !local.Contains(node))
            {
                pods.Remove(id);
            }
            else
            {
                pods[id] = pod;
            }
        }

        if (local.Contains(node))
        {
            changed(new PodKey(node, id.NamespaceProperty, id.Name));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod watch failed; relisting")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
