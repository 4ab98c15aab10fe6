namespace OrleansCluster.Core.NodeAgent;

/// <summary>A container's state as the engine reports it.</summary>
public enum RunState
{
    Created,
    Running,
    Exited,
}

/// <summary>
/// One container (one attempt of a pod's container) found on the node by its labels. <paramref name="Attempt"/> and
/// <paramref name="BackoffStep"/> are labels the agent set when it created it, so a restarted agent knows them too.
/// <paramref name="Reason"/> and <paramref name="Message"/> explain an exit the exit code does not (<c>OOMKilled</c>,
/// <c>StartError</c> with the engine's words).
/// </summary>
public sealed record ObservedContainer(
    string Name,
    string Id,
    int Attempt,
    int BackoffStep,
    RunState State,
    int? ExitCode,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string ImageId,
    string? Reason = null,
    string? Message = null);

/// <summary>What the node runs for one pod: its sandbox and every container attempt still present.</summary>
public sealed record ObservedPod(string? SandboxId, bool SandboxRunning, IReadOnlyList<ObservedContainer> Containers)
{
    public static readonly ObservedPod Nothing = new(null, false, []);

    /// <summary>The newest attempt of the named container, or null.</summary>
    public ObservedContainer? Latest(string name) =>
        Containers.Where(c => c.Name == name).MaxBy(c => c.Attempt);
}

/// <summary>Whether an image is on the node, and how pulling it last went.</summary>
public sealed record ObservedImage(bool Present, string? PullError = null, DateTime? PullFailedAt = null, int PullFailures = 0);
