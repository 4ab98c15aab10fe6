using k8s.Models;

namespace OrleansCluster.Core.Controllers;

/// <summary>What controllers read from a pod's status: whether it is active, ready, and available.</summary>
public static class PodConditions
{
    /// <summary>Counts toward a controller's replicas: not finished and not being deleted (Kubernetes' FilterActivePods).</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready; null when it is not ready or says no time.</summary>
    public static DateTime? ReadySince(V1Pod pod) =>
        ReadyCondition(pod) is { Status: "True", LastTransitionTime: { } since } ? since : null;

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/> (Kubernetes' IsPodAvailable).</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTime now)
    {
        if (!IsReady(pod))
        {
            return false;
        }

        return minReadySeconds == 0 || (ReadySince(pod) is { } since && since.AddSeconds(minReadySeconds) <= now);
    }

    /// <summary>The highest restart count of the pod's containers.</summary>
    public static int MaxRestarts(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(c => c.RestartCount).DefaultIfEmpty(0).Max() ?? 0;

    private static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
