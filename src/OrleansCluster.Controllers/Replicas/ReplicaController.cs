using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Replicas;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.Replicas;

/// <summary>
/// kube-controller-manager's replicaset controller, for ReplicaSets and ReplicationControllers alike. A pass reads
/// the owner and the pods of its namespace from the informers, asks <see cref="ReplicaPlanner"/> for a plan, and
/// applies it: adoptions and releases as updates guarded by the pod's resourceVersion, creates in slow-start batches
/// under deterministic names (a create that finds its name taken was already done, so a controller that died
/// mid-scale never makes a duplicate), deletes guarded by the pod's uid, then the status. The next pass of the same
/// owner waits until the pod informer has seen this pass's writes, so it never acts on a view older than its own work.
/// </summary>
public sealed partial class ReplicaController<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>How long a pass waits for the informer to catch up with the previous pass's writes before going on.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private readonly ReplicaKind<T> kind;
    private readonly SharedInformer<T> owners;
    private readonly SharedInformer<V1Pod> pods;
    private readonly ResourceClient<T> ownerApi;
    private readonly ResourceClient<V1Pod> podApi;
    private readonly EventRecorder events;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<ObjectName, long> written = new();

    private ReplicaController(ControllerContext context, ReplicaKind<T> kind)
    {
        this.kind = kind;
        owners = context.Informers.For<T>(kind.Type);
        pods = context.Informers.For<V1Pod>(ResourceTypes.Pod);
        ownerApi = new ResourceClient<T>(context.Cluster, kind.Type);
        podApi = context.Api.Pods;
        events = context.Events($"{kind.ControllerName}-controller");
        time = context.Time;
        logger = context.Loggers.CreateLogger($"Controllers.{kind.ControllerName}");
    }

    public static ControllerDefinition Definition(Func<IServiceProvider, ControllerContext> context, ReplicaKind<T> kind, int shards) =>
        new(kind.ControllerName, shards, (services, shard) =>
        {
            var ctx = context(services);
            var controller = new ReplicaController<T>(ctx, kind);
            return new Controller<ObjectName>(
                    kind.ControllerName, shard, key => key.Namespace ?? "", controller.ReconcileAsync, ctx.Queue, ctx.Time, controller.logger)
                .Watch(controller.owners, EventKeys.Self)
                .Watch(controller.pods, controller.OwnersOf)
                .ResyncWith(() => controller.owners.List().Select(ObjectName.Of));
        });

    /// <summary>A pod's controller before and after the change, and, for a pod nobody controls, every owner that could adopt it.</summary>
    private IEnumerable<ObjectName> OwnersOf(InformerEvent<V1Pod> e)
    {
        var keys = EventKeys.ControllerOf(e, kind.Type.Kind).ToList();
        if (e.New is { } pod && OwnerReferences.ControllerOf(pod.Metadata) is null && pod.Metadata.DeletionTimestamp is null)
        {
            keys.AddRange(owners.List(pod.Metadata.NamespaceProperty)
                .Where(o => kind.OwnerOf(o).Selector.Selects(pod.Metadata))
                .Select(ObjectName.Of));
        }

        return keys;
    }

    private async Task<TimeSpan?> ReconcileAsync(ObjectName key, CancellationToken ct)
    {
        if (written.TryRemove(key, out var revision))
        {
            await CatchUpAsync(revision, ct);
        }

        if (owners.Get(key) is not { } obj)
        {
            return null;
        }

        var owner = kind.OwnerOf(obj);
        var now = time.GetUtcNow().UtcDateTime;
        var plan = ReplicaPlanner.Plan(owner, pods.List(owner.Namespace), now);
        var pass = new PassWrites();
        var failure = await ClaimAsync(plan, owner, pass)
            ?? await CreateAsync(obj, plan.Create, pass)
            ?? await DeleteAsync(obj, plan.Delete, pass);
        if (pass.Revision > 0)
        {
            written[key] = pass.Revision;
        }

        var status = plan.Status with { Failure = failure };
        if (kind.WithStatus(obj, status, now) is { } updated)
        {
            await ownerApi.UpdateStatusAsync(updated);
        }

        if (failure is var (reason, message))
        {
            throw new InvalidOperationException($"{reason}: {message}");
        }

        return plan.RequeueAfter;
    }

    private async Task CatchUpAsync(long revision, CancellationToken ct)
    {
        try
        {
            await pods.WaitForRevisionAsync(revision, ct).WaitAsync(CatchUpLimit, time, ct);
        }
        catch (TimeoutException)
        {
            LogBehind(logger, kind.ControllerName, revision, pods.Revision);
        }
    }

    private async Task<(string, string)?> ClaimAsync(ReplicaPlan plan, ReplicaOwner owner, PassWrites pass)
    {
        var reference = owner.ControllerReference;
        var changes = plan.Adopt.Select(p => (Pod: p, Change: (Action<V1Pod>)(c => c.Metadata.OwnerReferences = [.. c.Metadata.OwnerReferences ?? [], reference])))
            .Concat(plan.Release.Select(p => (Pod: p, Change: (Action<V1Pod>)(c =>
                c.Metadata.OwnerReferences = c.Metadata.OwnerReferences?.Where(r => r.Uid != owner.Uid).ToList()))));
        foreach (var (pod, change) in changes)
        {
            var copy = ModelCodec.CloneModel(pod);
            change(copy);
            try
            {
                pass.Saw(await podApi.UpdateAsync(copy));
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Gone or changed since the informer saw it: the event that says so brings this owner back.
                return ("FailedClaim", $"pod {pod.Metadata.Name} changed while being claimed: {e.Message}");
            }
        }

        return null;
    }

    private async Task<(string, string)?> CreateAsync(T owner, IReadOnlyList<V1Pod> create, PassWrites pass)
    {
        var next = 0;
        foreach (var size in SlowStart.Batches(create.Count))
        {
            var batch = create.Skip(next).Take(size).ToList();
            next += size;
            var results = await Task.WhenAll(batch.Select(pod => CreateOneAsync(owner, pod, pass)));
            if (results.FirstOrDefault(r => r is not null) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private async Task<(string, string)?> CreateOneAsync(T owner, V1Pod pod, PassWrites pass)
    {
        try
        {
            pass.Saw(await podApi.CreateAsync(pod));
            await RecordAsync(owner, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
            return null;
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Made by an earlier pass (perhaps on a silo that died since): the name is the slot, so it is done.
            return null;
        }
        catch (ApiException e)
        {
            var message = $"Error creating: {e.Message}";
            await RecordAsync(owner, EventRecorder.Warning, "FailedCreate", message);
            return ("FailedCreate", message);
        }
    }

    private async Task<(string, string)?> DeleteAsync(T owner, IReadOnlyList<PodToDelete> delete, PassWrites pass)
    {
        var results = await Task.WhenAll(delete.Select(async victim =>
        {
            try
            {
                var (pod, _) = await podApi.DeleteAsync(victim.Name, owner.Metadata.NamespaceProperty, new DeleteRequest { Uid = victim.Uid });
                pass.Saw(pod);
                await RecordAsync(owner, EventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {victim.Name}");
                return ((string, string)?)null;
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                return null; // Gone already, or a different pod of that name now.
            }
            catch (ApiException e)
            {
                var message = $"Error deleting: {e.Message}";
                await RecordAsync(owner, EventRecorder.Warning, "FailedDelete", message);
                return ("FailedDelete", message);
            }
        }));
        return results.FirstOrDefault(r => r is not null);
    }

    private async Task RecordAsync(T owner, string type, string reason, string message)
    {
        try
        {
            await events.RecordAsync(owner, type, reason, message);
        }
        catch (Exception e)
        {
            LogEventFailed(logger, e, reason);
        }
    }

    /// <summary>The newest revision a pass's writes answered.</summary>
    private sealed class PassWrites
    {
        private long revision;

        public long Revision => Interlocked.Read(ref revision);

        public void Saw(IKubernetesObject<V1ObjectMeta> obj)
        {
            var r = Revisions.Of(obj);
            long seen;
            while (r > (seen = Interlocked.Read(ref revision)) && Interlocked.CompareExchange(ref revision, r, seen) != seen)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: the pod informer is still at {Seen}, behind this controller's write at {Revision}")]
    private static partial void LogBehind(ILogger logger, string controller, long revision, long seen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Reason} event failed")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string reason);
}
