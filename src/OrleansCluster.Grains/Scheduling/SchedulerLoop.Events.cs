using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api.Events;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.Grains.Scheduling;

internal sealed partial class SchedulerLoop
{
    private void Apply(SchedulerEvent e)
    {
        switch (e)
        {
            case PodChanged pod:
                stats.PodEvent(time.GetUtcNow().UtcDateTime, pod.Pod.Pod.Metadata?.CreationTimestamp, pod.Type == ChangeType.Added);
                OnPod(pod.Type, pod.Pod);
                break;
            case NodeChanged node:
                OnNode(node.Type, node.Node);
                break;
            case BindFinished bind:
                OnBindFinished(bind);
                break;
            case Tick:
                queue.Flush(time.GetUtcNow().UtcDateTime);
                stats.Report(time.GetUtcNow().UtcDateTime, queue.ActiveCount, queue.ParkedCount, binding.Count);
                break;
        }
    }

    private void OnPod(ChangeType type, PodInfo info)
    {
        var pod = info.Pod;
        var key = info.Key;
        onUnknownNodes.Remove(key);
        if (type == ChangeType.Deleted || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            Drop(key);
            if (snapshot.Forget(key))
            {
                // Its resources are free again: parked pods may fit now.
                queue.ClusterChanged();
            }

            return;
        }

        if (pod.Spec?.NodeName is { Length: > 0 } node)
        {
            Drop(key);
            if (snapshot.PlacementOf(key) != node && !snapshot.Assume(info, node))
            {
                onUnknownNodes[key] = info;
            }

            return;
        }

        if (binding.Contains(key))
        {
            pending[key] = info;
            return;
        }

        if (pod.Metadata?.DeletionTimestamp is not null || pod.Spec?.SchedulerName is not (null or "" or SchedulerName))
        {
            Drop(key);
            return;
        }

        // A new pod joins the queue; a known one keeps its place (our own status write must not retry it at once).
        if (pending.TryAdd(key, info))
        {
            queue.Add(key);
        }
        else
        {
            pending[key] = info;
        }
    }

    private void Drop(string key)
    {
        pending.Remove(key);
        queue.Remove(key);
    }

    private void OnNode(ChangeType type, V1Node node)
    {
        var name = node.Metadata?.Name ?? "";
        if (type == ChangeType.Deleted)
        {
            RemoveNode(name);
            return;
        }

        var old = snapshot.GetNode(name);
        var updated = new NodeInfo(node);
        if (old is not null && !NodeChanges.MayHelp(old, updated))
        {
            // A heartbeat: nothing a filter or score reads changed; keep the snapshot as it is.
            return;
        }

        SetNode(node);
        queue.ClusterChanged();
    }

    /// <summary>The node goes; its pods stay bound to it (the node lifecycle controller's business), waiting for it to return.</summary>
    private void RemoveNode(string name)
    {
        foreach (var pod in snapshot.GetNode(name)?.Pods.ToList() ?? [])
        {
            onUnknownNodes[pod.Key] = pod;
        }

        snapshot.RemoveNode(name);
    }

    private void SetNode(V1Node node)
    {
        var info = snapshot.SetNode(node);
        foreach (var (key, pod) in onUnknownNodes.Where(p => p.Value.Pod.Spec.NodeName == info.Name).ToList())
        {
            snapshot.Assume(pod, info.Name);
            onUnknownNodes.Remove(key);
        }
    }

    private void OnBindFinished(BindFinished bind)
    {
        var key = bind.Pod.Key;
        binding.Remove(key);
        stats.Bound(bind.Error is null);
        if (bind.Error is null)
        {
            Drop(key);
            var pod = bind.Pod;
            eventQueue.Post(pod.Pod, EventRecorder.Normal, "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {bind.Node}");
            return;
        }

        LogBindFailed(logger, bind.Error, bind.Pod.Namespace, bind.Pod.Name, bind.Node);
        if (pending.ContainsKey(key))
        {
            // Still unbound as far as the watch knows: undo the assumption and try again after a back-off.
            // (A conflict means the watch will soon say who bound it, or that it is going away.)
            snapshot.Forget(key);
            queue.Park(key, time.GetUtcNow().UtcDateTime, retryAfterBackoff: true);
        }
    }

    /// <summary>Whether the pod does not yet say PodScheduled=False with this message (else no write is needed).</summary>
    private static bool NeedsUnschedulableCondition(V1Pod pod, string message) =>
        !(pod.Status?.Conditions ?? []).Any(c => c.Type == PodBinding.ScheduledCondition && c.Status == "False"
            && c.Reason == Unschedulable.ConditionReason && c.Message == message);

    private async Task MarkUnschedulableAsync(V1Pod pod, string message)
    {
        try
        {
            var condition = new Dictionary<string, object?>
            {
                ["type"] = PodBinding.ScheduledCondition,
                ["status"] = "False",
                ["reason"] = Unschedulable.ConditionReason,
                ["message"] = message,
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            };
            var patch = JsonSerializer.Serialize(new { status = new { conditions = new[] { condition } } });
            var grain = grains.GetGrain<IObjectGrain>(ResourceTypes.Pod.ObjectKey(pod.Metadata.NamespaceProperty, pod.Metadata.Name));
            await grain.Patch(new PatchRequest(PatchKind.Strategic, patch) { Status = true });
        }
        catch (Exception e)
        {
            // The next attempt writes it again; a pod deleted meanwhile needs nothing.
            LogStatusFailed(logger, e, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler: binding {Namespace}/{Name} to {Node} failed")]
    private static partial void LogBindFailed(ILogger logger, Exception exception, string @namespace, string name, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler: marking {Namespace}/{Name} unschedulable failed")]
    private static partial void LogStatusFailed(ILogger logger, Exception exception, string @namespace, string name);
}
