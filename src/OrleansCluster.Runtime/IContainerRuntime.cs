namespace OrleansCluster.Runtime;

/// <summary>
/// The node agent's only view of a container engine: pod sandboxes (one network namespace per pod), the containers
/// inside them, images, logs, exec and the engine's version. One instance serves one node: everything it creates is
/// labelled with the node's name (<see cref="RuntimeLabels.Node"/>) and every list is scoped to it, so several
/// nodes can share one engine and a restarted agent adopts what its node runs by listing.
/// Calls are idempotent where Kubernetes' CRI asks it: stopping a stopped or missing container and removing a missing
/// one succeed. Failures are <see cref="ContainerRuntimeException"/> with a <see cref="RuntimeError"/> kind.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>The node whose containers this instance creates and lists.</summary>
    string NodeName { get; }

    /// <summary>The engine's name and version, for <c>nodeInfo.containerRuntimeVersion</c> (e.g. <c>docker://20.10.24</c>).</summary>
    Task<RuntimeVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates and starts the sandbox owning the pod's network namespace; it runs until stopped.</summary>
    Task<PodSandbox> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The sandbox, or null when it does not exist (or belongs to another node).</summary>
    Task<PodSandbox?> InspectSandboxAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>Stops the sandbox (its containers should be stopped first); idempotent.</summary>
    Task StopSandboxAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>Removes the sandbox, stopping it if needed; idempotent.</summary>
    Task RemoveSandboxAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>This node's sandboxes carrying every given label (none: all of them).</summary>
    Task<IReadOnlyList<PodSandbox>> ListSandboxesAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a container in the sandbox's network namespace; the image must be present.</summary>
    Task<string> CreateContainerAsync(PodSandbox sandbox, ContainerSpec spec, CancellationToken cancellationToken = default);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>SIGTERM, then SIGKILL when the process has not exited after <paramref name="gracePeriod"/>
    /// (whole seconds, rounded up); returns once it has exited. Idempotent.</summary>
    Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default);

    /// <summary>Removes the container, killing it if it still runs; idempotent.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>The container's full status, or null when it does not exist (or belongs to another node).</summary>
    Task<ContainerStatus?> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>This node's containers (not sandboxes) carrying every given label, in any state.</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>The local image, or null when the engine does not have it.</summary>
    Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>Pulls the image; a failure is <see cref="RuntimeError.ImagePull"/> carrying the engine's message.</summary>
    Task<ImageInfo> PullImageAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>The container's output, line by line; with <see cref="LogOptions.Follow"/> it ends when the container
    /// exits or the token is cancelled.</summary>
    IAsyncEnumerable<LogEntry> ReadLogsAsync(string containerId, LogOptions options, CancellationToken cancellationToken = default);

    /// <summary>Starts a process in a running container; read its output, then its exit code, from the session.</summary>
    Task<IExecSession> ExecAsync(string containerId, ExecSpec spec, CancellationToken cancellationToken = default);
}
