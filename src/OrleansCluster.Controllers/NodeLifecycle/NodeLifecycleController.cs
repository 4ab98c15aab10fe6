using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Controllers.NodeLifecycle;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.NodeLifecycle;

/// <summary>
/// kube-controller-manager's node lifecycle controller and NoExecute taint manager, keyed by node name and sliced by
/// it. A pass reads the node, its lease in <c>kube-node-lease</c> and the pods bound to it from the informers, asks
/// <see cref="NodeLifecyclePlanner"/> for a plan and applies it: the Unknown conditions (status write), the readiness
/// taints (spec write, both guarded by the node's resourceVersion), pods marked not ready, evictions (a
/// <c>TaintManagerEviction</c> event, then a delete guarded by the pod's uid, with the pod's own grace period). The
/// plan's requeue-after brings the node back when its grace would run out or a toleration end; lease renewals of a
/// Ready node and pod changes on a healthy node wake nothing, so a quiet cluster costs one pass per node per grace.
/// </summary>
public sealed partial class NodeLifecycleController
{
    public const string Name = "node-lifecycle";

    /// <summary>How long a pass waits for the informers to catch up with the previous pass's writes before going on.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private readonly SharedInformer<V1Node> nodes;
    private readonly SharedInformer<V1Lease> leases;
    private readonly SharedInformer<V1Pod> pods;
    private readonly OrleansClusterClient api;
    private readonly EventRecorder nodeEvents;
    private readonly EventRecorder taintEvents;
    private readonly TimeProvider time;
    private readonly ControllerOptions options;
    private readonly ILogger logger;
    private readonly Dictionary<string, (long Nodes, long Pods)> written = new(StringComparer.Ordinal);

    private NodeLifecycleController(ControllerContext context)
    {
        nodes = context.Informers.For<V1Node>(ResourceTypes.Node);
        leases = context.Informers.For<V1Lease>(ResourceTypes.Lease);
        pods = context.Informers.For<V1Pod>(ResourceTypes.Pod);
        api = context.Api;
        nodeEvents = context.Events("node-controller");
        taintEvents = context.Events("taint-eviction-controller");
        time = context.Time;
        options = context.Options;
        logger = context.Loggers.CreateLogger("Controllers.node-lifecycle");
    }

    public static ControllerDefinition Definition(Func<IServiceProvider, ControllerContext> context, int shards) =>
        new(Name, shards, (services, shard) =>
        {
            var ctx = context(services);
            var controller = new NodeLifecycleController(ctx);
            return new Controller<string>(Name, shard, key => key, controller.ReconcileAsync, ctx.Queue, ctx.Time, controller.logger)
                .Watch(controller.nodes, e => [e.Object.Metadata.Name])
                .Watch(controller.leases, controller.NodeOfLease)
                .Watch(controller.pods, controller.NodesOfPod)
                .ResyncWith(() => controller.nodes.List().Select(n => n.Metadata.Name));
        });

    /// <summary>A lease renewal matters only to a node that is not Ready (its grace is otherwise looked at on time).</summary>
    private IEnumerable<string> NodeOfLease(InformerEvent<V1Lease> e) =>
        e.Object.Metadata.NamespaceProperty == LeaseNamespace && NeedsAttention(e.Object.Metadata.Name) ? [e.Object.Metadata.Name] : [];

    /// <summary>A pod bound to (or leaving) a node that is not Ready or carries a NoExecute taint.</summary>
    private IEnumerable<string> NodesOfPod(InformerEvent<V1Pod> e) =>
        new[] { e.Old?.Spec?.NodeName, e.New?.Spec?.NodeName }
            .OfType<string>().Where(n => n.Length > 0).Distinct().Where(NeedsAttention);

    private bool NeedsAttention(string nodeName) =>
        nodes.Get(new ObjectName(null, nodeName)) is { } node
        && (node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true
            || node.Spec?.Taints?.Any(t => t.Effect == "NoExecute") == true);

    /// <summary>The namespace of node heartbeats.</summary>
    public const string LeaseNamespace = "kube-node-lease";

    private async Task<TimeSpan?> ReconcileAsync(string name, CancellationToken ct)
    {
        await CatchUpAsync(name, ct);
        if (nodes.Get(new ObjectName(null, name)) is not { } node)
        {
            return null;
        }

        var lease = leases.Get(new ObjectName(LeaseNamespace, name));
        var bound = pods.List().Where(p => p.Spec?.NodeName == name).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var plan = NodeLifecyclePlanner.Plan(node, lease, bound, options.NodeMonitorGracePeriod, now, options.NodeStartupGracePeriod);
        var pass = (Nodes: 0L, Pods: 0L);
        if (plan.Conditions is not null || plan.Taints is not null)
        {
            pass.Nodes = await WriteNodeAsync(node, plan);
        }

        foreach (var pod in plan.MarkNotReady)
        {
            pass.Pods = Math.Max(pass.Pods, await MarkNotReadyAsync(pod, now));
        }

        foreach (var victim in plan.Evict)
        {
            pass.Pods = Math.Max(pass.Pods, await EvictAsync(bound.First(p => p.Metadata.Uid == victim.Uid), victim));
        }

        if (pass != (0, 0))
        {
            lock (written)
            {
                written[name] = pass;
            }
        }

        return plan.RequeueAfter;
    }

    /// <summary>Conditions through the status, then taints through the spec, each at the resourceVersion the last write answered.</summary>
    private async Task<long> WriteNodeAsync(V1Node node, NodeLifecyclePlan plan)
    {
        var current = node;
        if (plan.Conditions is { } conditions)
        {
            var reported = ModelCodec.CloneModel(current);
            reported.Status ??= new V1NodeStatus();
            reported.Status.Conditions = conditions;
            current = await api.Nodes.UpdateStatusAsync(reported);
            LogUnknown(logger, node.Metadata.Name);
            await RecordAsync(nodeEvents, current, EventRecorder.Normal, "NodeNotReady", $"Node {node.Metadata.Name} status is now: NodeNotReady");
        }

        if (plan.Taints is { } taints)
        {
            var tainted = ModelCodec.CloneModel(current);
            tainted.Spec ??= new V1NodeSpec();
            tainted.Spec.Taints = taints.Count == 0 ? null : taints;
            current = await api.Nodes.UpdateAsync(tainted);
        }

        return Revisions.Of(current);
    }

    private async Task<long> MarkNotReadyAsync(V1Pod pod, DateTime now)
    {
        var copy = ModelCodec.CloneModel(pod);
        foreach (var condition in copy.Status.Conditions.Where(c => c.Type == "Ready" && c.Status != "False"))
        {
            condition.Status = "False";
            condition.LastTransitionTime = now;
        }

        try
        {
            var updated = await api.Pods.UpdateStatusAsync(copy);
            await RecordAsync(nodeEvents, pod, EventRecorder.Warning, "NodeNotReady", "Node is not ready");
            return Revisions.Of(updated);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return 0; // Gone or changed meanwhile: its event brings the node back.
        }
    }

    private async Task<long> EvictAsync(V1Pod pod, PodToEvict victim)
    {
        await RecordAsync(taintEvents, pod, EventRecorder.Normal, "TaintManagerEviction", $"Marking for deletion Pod {victim.Namespace}/{victim.Name}");
        try
        {
            var (deleted, _) = await api.Pods.DeleteAsync(victim.Name, victim.Namespace, new DeleteRequest { Uid = victim.Uid });
            LogEvicted(logger, victim.Namespace, victim.Name, victim.Taint);
            return Revisions.Of(deleted);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return 0; // Gone already, or a different pod of that name now.
        }
    }

    /// <summary>The next pass of a node waits until the informers hold this pass's writes, so it never redoes them from an older view.</summary>
    private async Task CatchUpAsync(string name, CancellationToken ct)
    {
        (long Nodes, long Pods) revision;
        lock (written)
        {
            if (!written.Remove(name, out revision))
            {
                return;
            }
        }

        try
        {
            await Task.WhenAll(nodes.WaitForRevisionAsync(revision.Nodes, ct), pods.WaitForRevisionAsync(revision.Pods, ct))
                .WaitAsync(CatchUpLimit, time, ct);
        }
        catch (TimeoutException)
        {
            LogBehind(logger, name, revision.Nodes, revision.Pods);
        }
    }

    private async Task RecordAsync<T>(EventRecorder recorder, T obj, string type, string reason, string message)
        where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await recorder.RecordAsync(obj, type, reason, message);
        }
        catch (Exception e)
        {
            LogEventFailed(logger, e, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} stopped posting status: reported Unknown")]
    private static partial void LogUnknown(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted pod {Namespace}/{Pod}: it does not tolerate {Taint} (any longer)")]
    private static partial void LogEvicted(ILogger logger, string @namespace, string pod, string taint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node-lifecycle: the informers are behind this controller's writes to {Node} (nodes {Nodes}, pods {Pods})")]
    private static partial void LogBehind(ILogger logger, string node, long nodes, long pods);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Reason} event failed")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string reason);
}
