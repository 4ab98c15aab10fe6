using k8s.Models;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>What the scheduler loop reacts to, one at a time, in order.</summary>
internal abstract record SchedulerEvent;

/// <summary>A node changed (read once by the informer, off the loop).</summary>
internal sealed record NodeChanged(WatchEventType Type, V1Node Node) : SchedulerEvent;

/// <summary>A pod changed; <see cref="PodInfo"/> is computed by the informer so the loop only schedules.</summary>
internal sealed record PodChanged(WatchEventType Type, PodInfo Pod) : SchedulerEvent;

/// <summary>A fresh list of all nodes (at start, and after a watch expired): what is not in it is gone.</summary>
internal sealed record NodesListed(IReadOnlyList<V1Node> Nodes) : SchedulerEvent;

/// <summary>A fresh list of all pods.</summary>
internal sealed record PodsListed(IReadOnlyList<PodInfo> Pods) : SchedulerEvent;

/// <summary>A bind ended: <see cref="Error"/> is null when the pod is now bound to <see cref="Node"/>.</summary>
internal sealed record BindFinished(PodInfo Pod, string Node, Exception? Error) : SchedulerEvent;

/// <summary>Once a second: parked pods whose back-off is over go back to the queue.</summary>
internal sealed record Tick : SchedulerEvent
{
    public static readonly Tick Instance = new();
}
