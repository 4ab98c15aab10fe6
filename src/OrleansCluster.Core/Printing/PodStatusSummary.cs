using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// The READY, STATUS and RESTARTS that kubectl shows for a pod, derived as the Kubernetes printer does:
/// the phase (or <c>status.reason</c>), overridden by the first init container that has not finished
/// (<c>Init:1/2</c>, <c>Init:CrashLoopBackOff</c>, <c>Init:Error</c>), else by the first app container that is
/// waiting or terminated (<c>ContainerCreating</c>, <c>CrashLoopBackOff</c>, <c>Completed</c>, <c>ExitCode:3</c>),
/// and finally by deletion (<c>Terminating</c>, or <c>Unknown</c> for a pod lost with its node).
/// </summary>
public sealed record PodStatusSummary(int Ready, int Total, string Reason, int Restarts, DateTime? LastRestart)
{
    private const string NodeLost = "NodeLost";

    /// <summary>The READY cell, e.g. <c>1/2</c>.</summary>
    public string ReadyText => $"{Ready}/{Total}";

    /// <summary>The RESTARTS cell: <c>0</c>, or <c>3 (5m ago)</c> when the last restart's time is known.</summary>
    public string RestartsText(DateTime now) =>
        Restarts != 0 && !HumanDuration.IsZero(LastRestart)
            ? $"{Restarts} ({HumanDuration.Since(LastRestart, now)} ago)"
            : $"{Restarts}";

    public static PodStatusSummary Of(V1Pod pod)
    {
        var spec = pod.Spec;
        var status = pod.Status;
        var phase = status?.Phase ?? "";
        var reason = string.IsNullOrEmpty(status?.Reason) ? phase : status.Reason;
        if (status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Reason == "SchedulingGated") == true)
        {
            reason = "SchedulingGated";
        }

        var sidecars = (spec?.InitContainers ?? [])
            .Where(c => c.RestartPolicy == "Always")
            .Select(c => c.Name)
            .ToHashSet(StringComparer.Ordinal);
        var total = (spec?.Containers?.Count ?? 0) + sidecars.Count;
        var ready = 0;

        // Restarts of every init container seen so far, and of sidecars alone (which keep counting once initialized).
        var restarts = 0;
        DateTime? lastRestart = null;
        var sidecarRestarts = 0;
        DateTime? lastSidecarRestart = null;

        var initializing = false;
        var initStatuses = status?.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count && !initializing; i++)
        {
            var container = initStatuses[i];
            var isSidecar = sidecars.Contains(container.Name);
            restarts += container.RestartCount;
            lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
            if (isSidecar)
            {
                sidecarRestarts += container.RestartCount;
                lastSidecarRestart = Later(lastSidecarRestart, container.LastState?.Terminated?.FinishedAt);
            }

            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 })
            {
                continue;
            }

            if (isSidecar && container.Started == true)
            {
                ready += container.Ready ? 1 : 0;
                continue;
            }

            initializing = true;
            reason = state switch
            {
                { Terminated: { } t } => "Init:" + TerminatedReason(t),
                { Waiting.Reason: { Length: > 0 } waiting } when waiting != "PodInitializing" => "Init:" + waiting,
                _ => $"Init:{i}/{spec?.InitContainers?.Count ?? 0}",
            };
        }

        if (!initializing || IsInitialized(status))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var anyRunning = false;

            // Walk backwards so that the first container with something to report has the last word.
            var statuses = status?.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
                var state = container.State;
                if (!string.IsNullOrEmpty(state?.Waiting?.Reason))
                {
                    reason = state.Waiting.Reason;
                }
                else if (state?.Terminated is { } terminated)
                {
                    reason = TerminatedReason(terminated);
                }
                else if (container.Ready && state?.Running is not null)
                {
                    anyRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && anyRunning)
            {
                reason = IsReady(status) ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            if (status?.Reason == NodeLost)
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        return new PodStatusSummary(ready, total, reason, restarts, lastRestart);
    }

    private static string TerminatedReason(V1ContainerStateTerminated terminated) =>
        !string.IsNullOrEmpty(terminated.Reason) ? terminated.Reason
        : terminated.Signal is { } signal && signal != 0 ? $"Signal:{signal}"
        : $"ExitCode:{terminated.ExitCode}";

    private static bool IsInitialized(V1PodStatus? status) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == "Initialized") is { Status: "True" };

    private static bool IsReady(V1PodStatus? status) =>
        status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTime? Later(DateTime? current, DateTime? candidate) =>
        HumanDuration.IsZero(candidate) ? current
        : HumanDuration.IsZero(current) || HumanDuration.Utc(candidate!.Value) > HumanDuration.Utc(current!.Value) ? candidate
        : current;
}
