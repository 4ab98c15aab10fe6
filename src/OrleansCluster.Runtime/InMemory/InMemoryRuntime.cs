using System.Globalization;
using System.Runtime.CompilerServices;

namespace OrleansCluster.Runtime.InMemory;

/// <summary>
/// <see cref="IContainerRuntime"/> for one node over an <see cref="InMemoryEngine"/>: the same state machine and
/// labels as the Docker adapter, no processes. The base of simulated ("hollow") nodes.
/// </summary>
public sealed class InMemoryRuntime(InMemoryEngine engine, string nodeName) : IContainerRuntime
{
    public string NodeName { get; } = nodeName;

    public InMemoryEngine Engine { get; } = engine;

    private Lock Gate => Engine.Gate;

    public Task<RuntimeVersion> GetVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(Engine.Version);

    public Task<PodSandbox> RunSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken = default)
    {
        var labels = RuntimeLabels.For(NodeName, spec.Pod, spec.Labels);
        labels[RuntimeLabels.Type] = RuntimeLabels.TypeSandbox;
        labels[RuntimeLabels.Attempt] = spec.Attempt.ToString(CultureInfo.InvariantCulture);
        lock (Gate)
        {
            var sandbox = Add(RuntimeLabels.SandboxName(spec.Pod, spec.Attempt), RuntimeLabels.TypeSandbox, "", labels);
            sandbox.IpAddress = spec.Network == SandboxNetwork.Bridge ? Engine.NewIp(sandbox.Id) : null;
            Engine.Start(sandbox);
            return Task.FromResult(Sandbox(sandbox));
        }
    }

    public Task<PodSandbox?> InspectSandboxAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        lock (Gate) return Task.FromResult(Own(sandboxId, RuntimeLabels.TypeSandbox) is { } sandbox ? Sandbox(sandbox) : null);
    }

    public Task StopSandboxAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        StopContainerAsync(sandboxId, TimeSpan.Zero, cancellationToken);

    public Task RemoveSandboxAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        RemoveContainerAsync(sandboxId, cancellationToken);

    public Task<IReadOnlyList<PodSandbox>> ListSandboxesAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        lock (Gate) return Task.FromResult<IReadOnlyList<PodSandbox>>(List(RuntimeLabels.TypeSandbox, labels).Select(Sandbox).ToList());
    }

    public Task<string> CreateContainerAsync(PodSandbox sandbox, ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        if (Engine.Image(spec.Image) is null)
            throw new ContainerRuntimeException(RuntimeError.ImageNotFound, $"create container {spec.Name}: image {spec.Image} is not present: No such image: {spec.Image}");
        var labels = RuntimeLabels.For(NodeName, sandbox.Pod, spec.Labels);
        labels[RuntimeLabels.Type] = RuntimeLabels.TypeContainer;
        labels[RuntimeLabels.ContainerName] = spec.Name;
        labels[RuntimeLabels.SandboxId] = sandbox.Id;
        labels[RuntimeLabels.Attempt] = spec.Attempt.ToString(CultureInfo.InvariantCulture);
        var process = Engine.Behavior(spec);
        lock (Gate)
        {
            if (Own(sandbox.Id, RuntimeLabels.TypeSandbox) is null)
                throw new ContainerRuntimeException(RuntimeError.NotFound, $"create container {spec.Name}: No such container: {sandbox.Id}");
            var container = Add(RuntimeLabels.ContainerNameFor(sandbox.Pod, spec.Name, spec.Attempt), RuntimeLabels.TypeContainer, spec.Image, labels);
            container.Process = process;
            return Task.FromResult(container.Id);
        }
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            var container = Existing(containerId, "start");
            if (container.State != ContainerState.Running) Engine.Start(container);
        }
        return Task.CompletedTask;
    }

    public async Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        Task exited;
        lock (Gate)
        {
            if (!Engine.Containers.TryGetValue(containerId, out var container)) return;
            // Docker's stop timeout is in whole seconds.
            exited = Engine.Stop(container, TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, gracePeriod.TotalSeconds))));
        }
        await exited.WaitAsync(cancellationToken);
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            if (Engine.Containers.Remove(containerId, out var container))
            {
                Engine.ByNode[container.Labels[RuntimeLabels.Node]].Remove(containerId);
                Engine.Names.Remove(container.Name);
                container.Exit(FakeContainer.SigKillExitCode, Engine.Time.GetUtcNow());
                container.Remove();
            }
        }
        return Task.CompletedTask;
    }

    public Task<ContainerStatus?> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        lock (Gate) return Task.FromResult(Own(containerId, RuntimeLabels.TypeContainer) is { } container ? Status(container) : null);
    }

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            return Task.FromResult<IReadOnlyList<ContainerSummary>>(List(RuntimeLabels.TypeContainer, labels)
                .Select(Status).Select(s => new ContainerSummary(s.Id, s.SandboxId, s.Name, s.Pod, s.Attempt, s.State, s.Image, s.ImageId, s.CreatedAt, s.Labels))
                .ToList());
        }
    }

    public Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken = default) =>
        Task.FromResult(Engine.Image(image));

    public Task<ImageInfo> PullImageAsync(string image, CancellationToken cancellationToken = default) =>
        Engine.PullError(image) is { } error
            ? throw new ContainerRuntimeException(RuntimeError.ImagePull, $"pull {image}: {error}")
            : Task.FromResult(Engine.AddImage(image));

    public async IAsyncEnumerable<LogEntry> ReadLogsAsync(
        string containerId, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        FakeContainer container;
        int next;
        lock (Gate)
        {
            container = Existing(containerId, "logs of");
            var all = container.Logs.Count;
            next = options.Tail is { } tail ? Math.Max(0, all - tail) : 0;
        }
        while (true)
        {
            List<LogEntry> batch;
            Task changed;
            bool done;
            lock (Gate)
            {
                batch = container.Logs.GetRange(next, container.Logs.Count - next);
                next = container.Logs.Count;
                changed = container.Changed;
                done = !options.Follow || container.Removed || container.State != ContainerState.Running;
            }
            foreach (var entry in batch)
            {
                if (options.Since is { } since && entry.Timestamp < since) continue;
                if (entry.Stream == OutputStream.Stdout ? !options.Stdout : !options.Stderr) continue;
                yield return options.Timestamps ? entry : entry with { Timestamp = null };
            }
            if (done) yield break;
            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<IExecSession> ExecAsync(string containerId, ExecSpec spec, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            var container = Existing(containerId, "exec in");
            if (container.State != ContainerState.Running)
                throw new ContainerRuntimeException(RuntimeError.Conflict, $"exec in {containerId}: Container {containerId} is not running");
            return Task.FromResult<IExecSession>(new InMemoryExecSession(spec, container.Process.Exec));
        }
    }

    private FakeContainer Add(string name, string type, string image, Dictionary<string, string> labels)
    {
        if (!Engine.Names.Add(name))
            throw new ContainerRuntimeException(RuntimeError.Conflict, $"Conflict. The container name \"/{name}\" is already in use");
        var container = new FakeContainer(Engine.NewId(), name, type, image, labels, Engine.Time.GetUtcNow());
        Engine.Containers.Add(container.Id, container);
        if (!Engine.ByNode.TryGetValue(NodeName, out var mine))
        {
            Engine.ByNode[NodeName] = mine = new Dictionary<string, FakeContainer>(StringComparer.Ordinal);
        }

        mine.Add(container.Id, container);
        return container;
    }

    private FakeContainer? Own(string id, string type) =>
        Engine.Containers.TryGetValue(id, out var container) && container.Type == type && container.Labels[RuntimeLabels.Node] == NodeName
            ? container
            : null;

    private FakeContainer Existing(string id, string what) => Engine.Containers.TryGetValue(id, out var container)
        ? container
        : throw new ContainerRuntimeException(RuntimeError.NotFound, $"{what} {id}: No such container: {id}");

    private IEnumerable<FakeContainer> List(string type, IReadOnlyDictionary<string, string>? labels) =>
        (Engine.ByNode.TryGetValue(NodeName, out var mine) ? mine.Values : Enumerable.Empty<FakeContainer>())
            .Where(c => c.Type == type && (labels is null || labels.All(l => c.Labels.TryGetValue(l.Key, out var v) && v == l.Value)));

    private static PodSandbox Sandbox(FakeContainer c) => new(
        c.Id, RuntimeLabels.Pod(c.Labels), c.State == ContainerState.Running ? SandboxState.Ready : SandboxState.NotReady,
        c.IpAddress, c.CreatedAt, new Dictionary<string, string>(c.Labels));

    private ContainerStatus Status(FakeContainer c) => new(
        c.Id, c.Labels[RuntimeLabels.SandboxId], c.Labels[RuntimeLabels.ContainerName], RuntimeLabels.Pod(c.Labels),
        RuntimeLabels.AttemptOf(c.Labels), c.State, c.Image, Engine.Image(c.Image)?.Id ?? "", c.CreatedAt,
        new Dictionary<string, string>(c.Labels))
    {
        ExitCode = c.ExitCode,
        StartedAt = c.StartedAt,
        FinishedAt = c.FinishedAt,
    };
}
