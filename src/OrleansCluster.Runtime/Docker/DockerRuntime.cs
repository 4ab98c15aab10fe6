using global::Docker.DotNet;
using global::Docker.DotNet.Models;

namespace OrleansCluster.Runtime.Docker;

/// <summary>
/// <see cref="IContainerRuntime"/> over the Docker Engine API (Docker.DotNet). One long-lived client per instance;
/// a pod's sandbox is a pause-like container from the local image, and its containers join its network and IPC
/// namespaces (<c>container:&lt;sandbox id&gt;</c>), so they share localhost.
/// </summary>
public sealed partial class DockerRuntime : IContainerRuntime, IDisposable
{
    private readonly DockerClientConfiguration configuration;
    private readonly DockerClient client;
    private readonly DockerRuntimeOptions options;

    public DockerRuntime(DockerRuntimeOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        this.options = options;
        // No client-wide timeout: follows and long stops must be able to outlive it; every call bounds itself.
        configuration = new DockerClientConfiguration(options.Endpoint, defaultTimeout: Timeout.InfiniteTimeSpan);
        client = configuration.CreateClient();
    }

    public string NodeName => options.NodeName;

    public void Dispose()
    {
        client.Dispose();
        configuration.Dispose();
    }

    public Task<RuntimeVersion> GetVersionAsync(CancellationToken cancellationToken = default) => Call(async token =>
    {
        var version = await client.System.GetVersionAsync(token);
        return new RuntimeVersion("docker", version.Version, version.APIVersion);
    }, "version", cancellationToken);

    public Task<PodSandbox> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken = default) => Call(async token =>
    {
        var created = await client.Containers.CreateContainerAsync(DockerMapping.Sandbox(NodeName, options.SandboxImage, spec), token);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), token);
        return DockerMapping.Sandbox(await client.Containers.InspectContainerAsync(created.ID, token));
    }, $"run sandbox for pod {spec.Pod.Namespace}/{spec.Pod.Name}", cancellationToken);

    public async Task<PodSandbox?> InspectSandboxAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        var inspected = await InspectOwnAsync(sandboxId, RuntimeLabels.TypeSandbox, cancellationToken);
        return inspected is null ? null : DockerMapping.Sandbox(inspected);
    }

    // The sandbox process exits at once on SIGTERM; the grace only covers a wedged one.
    public Task StopSandboxAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        StopContainerAsync(sandboxId, TimeSpan.FromSeconds(2), cancellationToken);

    public Task RemoveSandboxAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        RemoveContainerAsync(sandboxId, cancellationToken);

    public async Task<IReadOnlyList<PodSandbox>> ListSandboxesAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default) =>
        (await ListAsync(RuntimeLabels.TypeSandbox, labels, cancellationToken)).Select(DockerMapping.Sandbox).ToList();

    public Task<string> CreateContainerAsync(PodSandbox sandbox, ContainerSpec spec, CancellationToken cancellationToken = default) =>
        Call(async token =>
        {
            try
            {
                return (await client.Containers.CreateContainerAsync(DockerMapping.Container(NodeName, sandbox, spec), token)).ID;
            }
            catch (DockerImageNotFoundException e)
            {
                throw new ContainerRuntimeException(RuntimeError.ImageNotFound,
                    $"create container {spec.Name}: image {spec.Image} is not present: {DockerErrors.EngineMessage(e)}", e);
            }
        }, $"create container {spec.Name} of pod {sandbox.Pod.Namespace}/{sandbox.Pod.Name}", cancellationToken);

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        Call(token => client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), token),
            $"start container {containerId}", cancellationToken);

    public async Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        var seconds = (uint)Math.Ceiling(Math.Max(0, gracePeriod.TotalSeconds));
        try
        {
            // Docker's stop: SIGTERM, SIGKILL after the timeout, and answers once the process is gone.
            await DockerErrors.Call(
                token => client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, token),
                options.RequestTimeout + TimeSpan.FromSeconds(seconds), $"stop container {containerId}", cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Error == RuntimeError.NotFound)
        {
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call(token => client.Containers.RemoveContainerAsync(
                containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token),
                $"remove container {containerId}", cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Error == RuntimeError.NotFound ||
            (e.Error == RuntimeError.Conflict && e.Message.Contains("already in progress", StringComparison.Ordinal)))
        {
        }
    }

    public async Task<ContainerStatus?> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var inspected = await InspectOwnAsync(containerId, RuntimeLabels.TypeContainer, cancellationToken);
        return inspected is null ? null : DockerMapping.Status(inspected);
    }

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default) =>
        (await ListAsync(RuntimeLabels.TypeContainer, labels, cancellationToken)).Select(DockerMapping.Summary).ToList();

    /// <summary>The container when it exists, is of the given type and belongs to this node.</summary>
    private async Task<ContainerInspectResponse?> InspectOwnAsync(string id, string type, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await Call(token => client.Containers.InspectContainerAsync(id, token), $"inspect {id}", cancellationToken);
            var labels = inspected.Config.Labels;
            return labels is not null && labels.TryGetValue(RuntimeLabels.Node, out var node) && node == NodeName &&
                labels.TryGetValue(RuntimeLabels.Type, out var actual) && actual == type
                ? inspected
                : null;
        }
        catch (ContainerRuntimeException e) when (e.Error == RuntimeError.NotFound)
        {
            return null;
        }
    }

    private Task<IList<ContainerListResponse>> ListAsync(
        string type, IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        // Several label filters are ANDed by the engine.
        var filter = new Dictionary<string, bool>
        {
            [$"{RuntimeLabels.Node}={NodeName}"] = true,
            [$"{RuntimeLabels.Type}={type}"] = true,
        };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>()) filter[$"{key}={value}"] = true;
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter },
        };
        return Call(token => client.Containers.ListContainersAsync(parameters, token), $"list {type}s", cancellationToken);
    }

    private Task<T> Call<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken) =>
        DockerErrors.Call(call, options.RequestTimeout, what, cancellationToken);

    private Task Call(Func<CancellationToken, Task> call, string what, CancellationToken cancellationToken) =>
        DockerErrors.Call(call, options.RequestTimeout, what, cancellationToken);
}
