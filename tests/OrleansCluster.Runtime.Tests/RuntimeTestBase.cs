namespace OrleansCluster.Runtime.Tests;

/// <summary>
/// One runtime per test, for a node name of its own (prefixed with this process's id, so the Docker fixture can sweep
/// whatever a crashed test left); everything the test created is removed at the end, failed or not.
/// </summary>
public abstract class RuntimeTestBase : IAsyncLifetime
{
    protected const string Image = "orleanscluster/busybox:local";
    private static int counter;

    protected string NodeName { get; } = $"test-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";
    protected IContainerRuntime Runtime { get; private set; } = null!;

    /// <summary>A runtime for <paramref name="nodeName"/> sharing the engine (a restarted agent, or another node).</summary>
    protected abstract IContainerRuntime CreateRuntime(string nodeName);

    public virtual Task InitializeAsync()
    {
        Runtime = CreateRuntime(NodeName);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var container in await Runtime.ListContainersAsync()) await Runtime.RemoveContainerAsync(container.Id);
        foreach (var sandbox in await Runtime.ListSandboxesAsync()) await Runtime.RemoveSandboxAsync(sandbox.Id);
        (Runtime as IDisposable)?.Dispose();
    }

    protected static PodRef NewPod(string name) => new("default", name, Guid.NewGuid().ToString());

    protected async Task<(PodSandbox Sandbox, string Id)> RunAsync(ContainerSpec spec, string pod = "p")
    {
        var sandbox = await Runtime.RunSandboxAsync(new SandboxSpec(NewPod(pod)));
        var id = await Runtime.CreateContainerAsync(sandbox, spec);
        await Runtime.StartContainerAsync(id);
        return (sandbox, id);
    }
}
