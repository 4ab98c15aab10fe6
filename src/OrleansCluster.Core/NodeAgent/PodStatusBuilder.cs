using k8s.Models;
using OrleansCluster.Core.Defaulting;

namespace OrleansCluster.Core.NodeAgent;

/// <summary>What the node knows about a pod beyond its containers: the sandbox's address and the node's.</summary>
/// <param name="PodIp">The sandbox's IP; null while there is none.</param>
/// <param name="SandboxReady">The sandbox runs (Kubernetes' PodReadyToStartContainers).</param>
/// <param name="HostIp">The node's InternalIP.</param>
/// <param name="RuntimeName">Prefix of container ids in the status (<c>docker</c> gives <c>docker://&lt;id&gt;</c>).</param>
public sealed record PodNodeFacts(string? PodIp, bool SandboxReady, string HostIp, string RuntimeName);

/// <summary>
/// The status the node agent reports for a pod, built from a plan's container views as kubelet builds it
/// (<c>generateAPIPodStatus</c>): phase, conditions, container states. Pure: the same inputs give the same status,
/// and a condition keeps its <c>lastTransitionTime</c> while its value stays, so an unchanged pod needs no write.
/// </summary>
public static class PodStatusBuilder
{
    public static V1PodStatus Build(V1Pod pod, IReadOnlyList<ContainerView> views, PodNodeFacts facts, DateTime now)
    {
        var old = pod.Status ?? new V1PodStatus();
        var statuses = pod.Spec.Containers.Select(c => ContainerStatus(c, views.FirstOrDefault(v => v.Name == c.Name), facts)).ToList();
        // A finished pod stays finished, whatever is left of it on the node.
        var phase = old.Phase is "Succeeded" or "Failed" ? old.Phase : Phase(pod, statuses);
        var finished = phase is "Succeeded" or "Failed";
        var unready = statuses.Where(s => s.Ready != true).Select(s => s.Name).ToList();
        var ready = !finished && unready.Count == 0;
        var (reason, message) = finished ? ("PodCompleted", (string?)null)
            : ready ? (null, null) : ("ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");

        var conditions = new List<V1PodCondition>
        {
            Condition(old, "PodReadyToStartContainers", facts.SandboxReady && !finished, null, null, now),
            Condition(old, "Initialized", true, null, null, now),
            Condition(old, "Ready", ready, reason, message, now),
            Condition(old, "ContainersReady", ready, reason, message, now),
            Condition(old, "PodScheduled", true, null, null, now),
        };

        // Conditions other components own (readiness gates, DisruptionTarget...) stay as they are.
        conditions.AddRange((old.Conditions ?? []).Where(c => conditions.All(mine => mine.Type != c.Type)));
        return new V1PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            ContainerStatuses = statuses,
            HostIP = facts.HostIp,
            HostIPs = [new V1HostIP { Ip = facts.HostIp }],
            PodIP = facts.PodIp ?? old.PodIP,
            PodIPs = facts.PodIp is { } ip ? [new V1PodIP { Ip = ip }] : old.PodIPs,
            StartTime = old.StartTime ?? Truncate(now),
            QosClass = old.QosClass ?? PodQos.Compute(pod.Spec),
            NominatedNodeName = old.NominatedNodeName,
            Message = old.Message,
            Reason = old.Reason,
        };
    }

    /// <summary>Kubernetes' <c>getPhase</c>: waiting containers that never ran keep the pod Pending; a container
    /// waiting to restart counts as running; the pod ends when every container has ended for good.</summary>
    private static string Phase(V1Pod pod, IReadOnlyList<V1ContainerStatus> statuses)
    {
        int pending = 0, running = 0, succeeded = 0, failed = 0;
        foreach (var s in statuses)
        {
            if (s.State.Running is not null)
            {
                running++;
            }
            else if (s.State.Terminated is { } t)
            {
                if (t.ExitCode == 0)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }
            else if (s.LastState?.Terminated is not null)
            {
                running++;
            }
            else
            {
                pending++;
            }
        }

        if (pending > 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        if (statuses.Count == 0)
        {
            return "Pending";
        }

        return failed > 0 ? "Failed" : pod.Spec.RestartPolicy == "Always" ? "Running" : "Succeeded";
    }

    private static V1ContainerStatus ContainerStatus(V1Container spec, ContainerView? view, PodNodeFacts facts)
    {
        var latest = view?.Latest;
        var status = new V1ContainerStatus
        {
            Name = spec.Name,
            Image = spec.Image,
            ImageID = latest?.ImageId ?? "",
            ContainerID = latest is null ? null : $"{facts.RuntimeName}://{latest.Id}",
            RestartCount = latest?.Attempt ?? 0,
            Ready = false,
            Started = false,
        };

        if (view?.WaitingReason is { } reason)
        {
            status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Message = view.WaitingMessage, Reason = reason } };
            status.LastState = latest is { State: RunState.Exited } ? Terminated(latest, facts) : Last(view, facts);
            return status;
        }

        switch (latest?.State)
        {
            case RunState.Running:
                status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Truncate(latest.StartedAt) } };
                status.Ready = true;
                status.Started = true;
                break;
            case RunState.Exited:
                status.State = Terminated(latest, facts);
                break;
            default:
                status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
                break;
        }

        status.LastState = Last(view, facts);
        return status;
    }

    private static V1ContainerState Last(ContainerView? view, PodNodeFacts facts) =>
        view?.Previous is { State: RunState.Exited } previous ? Terminated(previous, facts) : new V1ContainerState();

    private static V1ContainerState Terminated(ObservedContainer c, PodNodeFacts facts) => new()
    {
        Terminated = new V1ContainerStateTerminated
        {
            ExitCode = c.ExitCode ?? 0,
            Reason = c.Reason ?? (c.ExitCode is 0 or null ? "Completed" : "Error"),
            Message = c.Message,
            StartedAt = Truncate(c.StartedAt),
            FinishedAt = Truncate(c.FinishedAt),
            ContainerID = $"{facts.RuntimeName}://{c.Id}",
        },
    };

    private static V1PodCondition Condition(V1PodStatus old, string type, bool value, string? reason, string? message, DateTime now)
    {
        var text = value ? "True" : "False";
        var previous = old.Conditions?.FirstOrDefault(c => c.Type == type);
        var since = previous is not null && previous.Status == text ? previous.LastTransitionTime : Truncate(now);
        return new V1PodCondition { Status = text, Type = type, LastTransitionTime = since, Message = message, Reason = reason };
    }

    /// <summary>The API keeps whole seconds (RFC 3339); building with seconds keeps an unchanged status equal.</summary>
    private static DateTime Truncate(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static DateTime? Truncate(DateTime? t) => t is { } value ? Truncate(value.ToUniversalTime()) : null;
}
