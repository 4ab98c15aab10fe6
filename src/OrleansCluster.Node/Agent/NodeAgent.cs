using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.Core.NodeAgent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// One node's pod pass (kubelet's <c>syncPod</c>), level-based: read the pod and what the runtime holds for it,
/// ask the pure <see cref="PodReconciler"/> for a plan, carry it out, look again, and report the status when it
/// changed. Everything else under the pod's name (an older pod's containers, a pod now gone or bound elsewhere)
/// is removed. A restarted agent does the same and so adopts running containers without restarting them.
/// </summary>
public sealed partial class NodeAgent
{
    /// <summary>After acting, look again soon: the containers just started may already have exited.</summary>
    private static readonly TimeSpan AfterActions = TimeSpan.FromMilliseconds(500);

    private readonly OrleansClusterClient client;
    private readonly IContainerRuntime runtime;
    private readonly NodeOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ImagePulls pulls;
    private readonly EventQueue eventQueue;
    private readonly PodEvents events;
    private readonly PlanExecutor executor;
    private string? runtimeName;

    public NodeAgent(OrleansClusterClient client, IContainerRuntime runtime, NodeOptions options, TimeProvider time, ILogger logger)
    {
        this.client = client;
        this.runtime = runtime;
        this.options = options;
        this.time = time;
        this.logger = logger;
        pulls = new ImagePulls(runtime);
        eventQueue = new EventQueue(new EventRecorder(client, "kubelet", runtime.NodeName, time), logger);
        events = new PodEvents(eventQueue);
        executor = new PlanExecutor(runtime, pulls, events, options.Address, time);
    }

    public string NodeName => runtime.NodeName;

    /// <summary>Writes this node's events (posted by its passes) until <paramref name="ct"/> is cancelled.</summary>
    public Task RunEventsAsync(CancellationToken ct) => eventQueue.RunAsync(ct);

    public IContainerRuntime Runtime => runtime;

    /// <summary>One pass for one pod name; returns when to look again (null: on the next change or resync).</summary>
    public async Task<TimeSpan?> SyncAsync(PodKey key, CancellationToken ct)
    {
        var pod = await client.Pods.GetAsync(key.Name, key.Namespace);
        var mine = pod?.Spec.NodeName == NodeName ? pod : null;
        var found = await PodObserver.ObserveAsync(runtime, key.Namespace, key.Name, mine?.Metadata.Uid, ct);
        await RemoveLeftoversAsync(found, ct);
        if (mine is null)
        {
            return null;
        }

        var deleting = mine.Metadata.DeletionTimestamp is not null;
        if (!deleting && mine.Status?.Phase is "Succeeded" or "Failed")
        {
            // A finished pod never runs again, whatever is left of it.
            return null;
        }

        var plan = PodReconciler.Reconcile(mine, found.Pod, await ImagesAsync(mine, ct), Now);
        if (plan.Actions.Count > 0)
        {
            await executor.ExecuteAsync(mine, plan, found, ct);
            if (plan.ConfirmDeletion)
            {
                await ConfirmDeletionAsync(mine);
                return null;
            }

            found = await PodObserver.ObserveAsync(runtime, key.Namespace, key.Name, mine.Metadata.Uid, ct);
            var after = PodReconciler.Reconcile(mine, found.Pod, await ImagesAsync(mine, ct), Now);
            await ReportAsync(mine, after, found, ct);
            return after.Actions.Count > 0 ? AfterActions : after.RequeueAfter;
        }

        if (plan.ConfirmDeletion)
        {
            await ConfirmDeletionAsync(mine);
            return null;
        }

        await ReportAsync(mine, plan, found, ct);
        return plan.RequeueAfter;
    }

    /// <summary>Names of pods the runtime holds something for on this node (for the orphan sweep).</summary>
    public async Task<IReadOnlyCollection<(string Namespace, string Name)>> PodsInRuntimeAsync(CancellationToken ct)
    {
        var sandboxes = await runtime.ListSandboxesAsync(null, ct);
        var containers = await runtime.ListContainersAsync(null, ct);
        return sandboxes.Select(s => (s.Pod.Namespace, s.Pod.Name))
            .Concat(containers.Select(c => (c.Pod.Namespace, c.Pod.Name)))
            .ToHashSet();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<Func<string, ObservedImage>> ImagesAsync(V1Pod pod, CancellationToken ct) =>
        await pulls.SnapshotAsync(pod.Spec.Containers.Select(c => c.Image), ct);

    private async Task RemoveLeftoversAsync(PodOnNode found, CancellationToken ct)
    {
        foreach (var id in found.LeftoverContainers)
        {
            await runtime.RemoveContainerAsync(id, ct);
        }

        foreach (var id in found.LeftoverSandboxes)
        {
            await runtime.RemoveSandboxAsync(id, ct);
        }
    }

    private async Task ConfirmDeletionAsync(V1Pod pod)
    {
        try
        {
            await client.Pods.DeleteAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                new DeleteRequest { GracePeriodSeconds = 0, Uid = pod.Metadata.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or a new pod took the name: nothing of ours is left to confirm.
        }
    }

    private async Task ReportAsync(V1Pod pod, PodPlan plan, PodOnNode found, CancellationToken ct)
    {
        runtimeName ??= (await runtime.GetVersionAsync(ct)).Name;
        var facts = new PodNodeFacts(found.Sandbox?.IpAddress, found.Pod.SandboxRunning, options.Address, runtimeName);
        var status = PodStatusBuilder.Build(pod, plan.Containers, facts, Now);
        RecordWaiting(pod, plan);
        if (KubernetesJson.Serialize(status) == KubernetesJson.Serialize(pod.Status))
        {
            return;
        }

        var updated = ModelCopy(pod);
        updated.Status = status;
        try
        {
            await client.Pods.UpdateStatusAsync(updated);
        }
        catch (ApiException e) when (e.Code is 409 or 404)
        {
            // Changed or deleted meanwhile: the change brings this pod back to the queue, and the next pass reads it afresh.
            LogStatusRace(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, e.Reason);
        }
    }

    private void RecordWaiting(V1Pod pod, PodPlan plan)
    {
        foreach (var view in plan.Containers)
        {
            var spec = pod.Spec.Containers.First(c => c.Name == view.Name);
            switch (view.WaitingReason)
            {
                case "CrashLoopBackOff":
                    events.CrashLoop(pod, view.Name);
                    break;
                case "ImagePullBackOff":
                    events.PullBackOff(pod, spec.Image);
                    break;
                case "ErrImageNeverPull":
                    events.NeverPull(pod, view.WaitingMessage ?? "");
                    break;
                case PodFeatures.ConfigError:
                    events.ConfigError(pod, view.WaitingMessage ?? "");
                    break;
            }
        }
    }

    private static V1Pod ModelCopy(V1Pod pod) => KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));

    [LoggerMessage(Level = LogLevel.Debug, Message = "status of pod {Namespace}/{Name} not written ({Reason}); it is looked at again")]
    private static partial void LogStatusRace(ILogger logger, string @namespace, string name, string reason);
}
