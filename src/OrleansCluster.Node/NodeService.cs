using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.Node.Agent;
using OrleansCluster.Node.Registration;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node;

/// <summary>
/// The node role of a process: for each node it hosts (one on Docker, or many hollow ones), registration, lease and
/// status heartbeats, and the pod agent; one pod informer and one work queue serve them all. Every
/// <see cref="NodeOptions.ResyncInterval"/> each node's pods are looked at again and whatever the runtime holds for
/// pods that are gone or elsewhere is swept: a lost event never leaves the node wrong.
/// </summary>
public sealed partial class NodeService(
    OrleansClusterClient client, IReadOnlyList<IContainerRuntime> runtimes, NodeRuntimes registry, NodeOptions options,
    TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan RegisterRetry = TimeSpan.FromSeconds(1);

    private readonly ILogger logger = loggers.CreateLogger<NodeService>();
    private readonly Dictionary<string, NodeAgent> agents = runtimes.ToDictionary(
        r => r.NodeName, r => new NodeAgent(client, r, options, time, loggers.CreateLogger<NodeAgent>()), StringComparer.Ordinal);

    private WorkQueue<PodKey>? queue;
    private PodInformer? informer;

    /// <summary>Pod passes completed so far (diagnostics and tests).</summary>
    public long PassesCompleted => queue?.Completed ?? 0;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var runtime in runtimes)
        {
            registry.Add(runtime);
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            foreach (var runtime in runtimes)
            {
                registry.Remove(runtime.NodeName);
            }
        }
    }

    /// <summary>The service owns its runtimes (engine connections): they go with it.</summary>
    public override void Dispose()
    {
        base.Dispose();
        informer?.Dispose();
        foreach (var runtime in runtimes.OfType<IDisposable>())
        {
            runtime.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var facts = HostFacts.Read();
        var hollow = options.HollowNodes > 0;
        var registrars = runtimes.Select(r => new NodeRegistrar(client, r, hollow ? HostFacts.Hollow(facts) : facts, options, time)).ToList();
        queue = new WorkQueue<PodKey>((key, ct) => agents[key.Node].SyncAsync(key, ct), new WorkQueueOptions { Parallelism = options.MaxParallelPods }, time,
            (key, e) => LogPassFailed(logger, key.ToString(), e));
        informer = new PodInformer(client, agents.Keys, queue.Enqueue, loggers.CreateLogger<PodInformer>());

        await Task.WhenAll(registrars.Select(r => RegisterAsync(r, stoppingToken)));
        await Task.WhenAll(
            informer.RunAsync(stoppingToken),
            queue.RunAsync(stoppingToken),
            HeartbeatAsync(registrars, stoppingToken),
            ResyncAsync(informer, queue, stoppingToken),
            options.HollowNodes > 0 ? Task.CompletedTask : RelistAsync(queue, stoppingToken),
            Task.WhenAll(agents.Values.Select(a => a.RunEventsAsync(stoppingToken))));
    }

    private async Task RegisterAsync(NodeRegistrar registrar, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await registrar.RegisterAsync(ct);
                await registrar.RenewLeaseAsync(ct);
                LogRegistered(logger, registrar.NodeName);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The control plane may still be starting (or this silo not yet joined): try again.
                LogRegisterFailed(logger, registrar.NodeName, e);
                await Task.Delay(RegisterRetry, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HeartbeatAsync(IReadOnlyList<NodeRegistrar> registrars, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.LeaseRenewInterval, time);
        while (await Tick(timer, ct))
        {
            foreach (var registrar in registrars)
            {
                try
                {
                    await registrar.RenewLeaseAsync(ct);
                    await registrar.ReportStatusAsync(force: false, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogHeartbeatFailed(logger, registrar.NodeName, e);
                }
            }
        }
    }

    private async Task ResyncAsync(PodInformer pods, WorkQueue<PodKey> work, CancellationToken ct)
    {
        await pods.Synced.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var timer = new PeriodicTimer(options.ResyncInterval, time);
        do
        {
            foreach (var agent in agents.Values)
            {
                foreach (var pod in pods.PodsOn(agent.NodeName))
                {
                    work.Enqueue(new PodKey(agent.NodeName, pod.Metadata.NamespaceProperty, pod.Metadata.Name));
                }

                try
                {
                    // Orphans: what the runtime holds under a name the cache does not bind here; the pass removes it.
                    foreach (var (ns, name) in await agent.PodsInRuntimeAsync(ct))
                    {
                        var key = new PodKey(agent.NodeName, ns, name);
                        if (!pods.Knows(key))
                        {
                            work.Enqueue(key);
                        }
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogSweepFailed(logger, agent.NodeName, e);
                }
            }
        }
        while (await Tick(timer, ct));
    }

    private async Task RelistAsync(WorkQueue<PodKey> work, CancellationToken ct)
    {
        var relisters = agents.Values.Select(a => new ContainerRelister(a.Runtime, work.Enqueue)).ToList();
        using var timer = new PeriodicTimer(options.RelistInterval, time);
        while (await Tick(timer, ct))
        {
            foreach (var relister in relisters)
            {
                try
                {
                    await relister.RelistAsync(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogSweepFailed(logger, relister.NodeName, e);
                }
            }
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} registered")]
    private static partial void LogRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} could not register yet")]
    private static partial void LogRegisterFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node}: lease or status heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node}: listing the runtime failed")]
    private static partial void LogSweepFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod pass {Key} failed; retrying with back-off")]
    private static partial void LogPassFailed(ILogger logger, string key, Exception exception);
}
