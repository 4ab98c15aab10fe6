using k8s.Models;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>What the scheduler loop reacts to, one at a time, in order.</summary>
internal abstract record SchedulerEvent;

/// <summary>A node changed (as the shared informer saw it; a relist reports what differs the same way).</summary>
internal sealed record NodeChanged(ChangeType Type, V1Node Node) : SchedulerEvent;

/// <summary>A pod changed; <see cref="PodInfo"/> is computed on the informer's thread so the loop only schedules.</summary>
internal sealed record PodChanged(ChangeType Type, PodInfo Pod) : SchedulerEvent;

/// <summary>A bind ended: <see cref="Error"/> is null when the pod is now bound to <see cref="Node"/>.</summary>
internal sealed record BindFinished(PodInfo Pod, string Node, Exception? Error) : SchedulerEvent;

/// <summary>Once a second: parked pods whose back-off is over go back to the queue.</summary>
internal sealed record Tick : SchedulerEvent
{
    public static readonly Tick Instance = new();
}
