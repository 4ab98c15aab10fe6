using System.Globalization;
using OrleansCluster.Core.NodeAgent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>What the runtime holds under one pod name: the pod's own sandbox and containers, and leftovers
/// (other sandboxes, containers of an older pod of the same name or of a dead sandbox) to remove.</summary>
public sealed record PodOnNode(ObservedPod Pod, PodSandbox? Sandbox, IReadOnlyList<string> LeftoverContainers, IReadOnlyList<string> LeftoverSandboxes)
{
    public bool IsEmpty => Pod.SandboxId is null && Pod.Containers.Count == 0 && LeftoverContainers.Count == 0 && LeftoverSandboxes.Count == 0;
}

/// <summary>Reads a pod's picture from the runtime by labels, so a restarted agent sees exactly what the old one left.</summary>
public static class PodObserver
{
    /// <summary>A label the agent sets at create: the crash-loop back-off step the attempt was started at.</summary>
    public const string BackoffStepLabel = "orleanscluster.io/backoff-step";

    /// <summary>The picture of pod <paramref name="ns"/>/<paramref name="name"/>; with <paramref name="uid"/> null, all of it is leftover.</summary>
    public static async Task<PodOnNode> ObserveAsync(IContainerRuntime runtime, string ns, string name, string? uid, CancellationToken ct)
    {
        var labels = new Dictionary<string, string> { [RuntimeLabels.PodNamespace] = ns, [RuntimeLabels.PodName] = name };
        var sandboxes = await runtime.ListSandboxesAsync(labels, ct);
        var summaries = await runtime.ListContainersAsync(labels, ct);

        var sandbox = sandboxes.Where(s => s.Pod.Uid == uid && uid is not null)
            .OrderByDescending(s => s.State == SandboxState.Ready).ThenByDescending(s => Attempt(s.Labels)).ThenByDescending(s => s.CreatedAt)
            .FirstOrDefault();
        var leftoverSandboxes = sandboxes.Where(s => s.Id != sandbox?.Id).Select(s => s.Id).ToList();
        var leftoverContainers = summaries.Where(c => sandbox is null || c.SandboxId != sandbox.Id).Select(c => c.Id).ToList();

        var containers = new List<ObservedContainer>();
        foreach (var summary in summaries.Where(c => sandbox is not null && c.SandboxId == sandbox.Id))
        {
            if (await runtime.InspectContainerAsync(summary.Id, ct) is { } status)
            {
                containers.Add(Observed(status));
            }
        }

        var pod = sandbox is null
            ? ObservedPod.Nothing
            : new ObservedPod(sandbox.Id, sandbox.State == SandboxState.Ready, containers);
        return new PodOnNode(pod, sandbox, leftoverContainers, leftoverSandboxes);
    }

    public static int Attempt(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(RuntimeLabels.Attempt, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var a) ? a : 0;

    /// <summary>
    /// A container that failed to start (the engine left it created, with an error) counts as exited, as kubelet
    /// reports it (StartError, exit code 128 unless the engine gave one), so the crash-loop back-off applies to it.
    /// </summary>
    private static ObservedContainer Observed(ContainerStatus s)
    {
        var step = s.Labels.TryGetValue(BackoffStepLabel, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var failedStart = s.State == ContainerState.Created && s.Error is not null;
        var state = s.State switch
        {
            ContainerState.Running => RunState.Running,
            ContainerState.Created when !failedStart => RunState.Created,
            _ => RunState.Exited,
        };
        return new ObservedContainer(
            s.Name,
            s.Id,
            s.Attempt,
            step,
            state,
            failedStart ? (s.ExitCode is > 0 and var code ? code : 128) : s.ExitCode,
            failedStart ? null : s.StartedAt?.UtcDateTime,
            failedStart ? s.CreatedAt.UtcDateTime : s.FinishedAt?.UtcDateTime,
            s.ImageId,
            failedStart ? "StartError" : s.OomKilled ? "OOMKilled" : null,
            failedStart ? s.Error : null);
    }
}
