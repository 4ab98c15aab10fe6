using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Deployments;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Controllers.Deployments;

/// <summary>
/// kube-controller-manager's deployment controller. A pass reads the Deployment, the ReplicaSets and pods of its
/// namespace from the informers, asks <see cref="DeploymentPlanner"/> for a plan, and applies it: releases, the new
/// ReplicaSet (a name already taken means the informer is behind or the hash collided: the pass is retried), updates
/// of ReplicaSets guarded by their resourceVersion (adoptions, scalings, annotations), history deletes guarded by uid,
/// the Deployment's annotations, its status, then an automatic rollback's template. Events as Kubernetes
/// (<c>ScalingReplicaSet</c>), plus our Warning <c>RolledBack</c>. The next pass of the same Deployment waits until
/// the informers have seen this pass's writes.
/// </summary>
public sealed partial class DeploymentController
{
    public const string Name = "deployment";

    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private readonly SharedInformer<V1Deployment> deployments;
    private readonly SharedInformer<V1ReplicaSet> replicaSets;
    private readonly SharedInformer<V1Pod> pods;
    private readonly ResourceClient<V1Deployment> deploymentApi;
    private readonly ResourceClient<V1ReplicaSet> replicaSetApi;
    private readonly EventRecorder events;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<ObjectName, (long Sets, long Deployments)> written = new();

    private DeploymentController(ControllerContext context, ResourceType deploymentType, ResourceType replicaSetType)
    {
        deployments = context.Informers.For<V1Deployment>(deploymentType);
        replicaSets = context.Informers.For<V1ReplicaSet>(replicaSetType);
        pods = context.Informers.For<V1Pod>(ResourceTypes.Pod);
        deploymentApi = new ResourceClient<V1Deployment>(context.Cluster, deploymentType);
        replicaSetApi = new ResourceClient<V1ReplicaSet>(context.Cluster, replicaSetType);
        events = context.Events($"{Name}-controller");
        time = context.Time;
        logger = context.Loggers.CreateLogger("Controllers.deployment");
    }

    public static ControllerDefinition Definition(
        Func<IServiceProvider, ControllerContext> context, ResourceType deploymentType, ResourceType replicaSetType, int shards) =>
        new(Name, shards, (services, shard) =>
        {
            var ctx = context(services);
            var controller = new DeploymentController(ctx, deploymentType, replicaSetType);
            return new Controller<ObjectName>(Name, shard, key => key.Namespace ?? "", controller.ReconcileAsync, ctx.Queue, ctx.Time, controller.logger)
                .Watch(controller.deployments, EventKeys.Self)
                .Watch(controller.replicaSets, controller.DeploymentsOf)
                .Watch(controller.pods, controller.DeploymentOfDeletedPod)
                .ResyncWith(() => controller.deployments.List().Select(ObjectName.Of));
        });

    /// <summary>A ReplicaSet's Deployment before and after the change, and, for one nobody controls, every Deployment that could adopt it.</summary>
    private IEnumerable<ObjectName> DeploymentsOf(InformerEvent<V1ReplicaSet> e)
    {
        var keys = EventKeys.ControllerOf(e, "Deployment").ToList();
        if (e.New is { } set && OwnerReferences.ControllerOf(set.Metadata) is null && set.Metadata.DeletionTimestamp is null)
        {
            keys.AddRange(deployments.List(set.Metadata.NamespaceProperty)
                .Where(d => LabelSelector.FromMetav1(d.Spec?.Selector).Selects(set.Metadata))
                .Select(ObjectName.Of));
        }

        return keys;
    }

    /// <summary>A Recreate rollout waits for the old pods to go: a deleted pod wakes its ReplicaSet's Deployment.</summary>
    private IEnumerable<ObjectName> DeploymentOfDeletedPod(InformerEvent<V1Pod> e)
    {
        if (e.New is not null || OwnerReferences.ControllerOf(e.Old?.Metadata) is not { Kind: "ReplicaSet" } owner
            || replicaSets.Get(new ObjectName(e.Old!.Metadata.NamespaceProperty, owner.Name)) is not { } set
            || OwnerReferences.ControllerOf(set.Metadata) is not { Kind: "Deployment" } deployment)
        {
            return [];
        }

        return [new ObjectName(set.Metadata.NamespaceProperty, deployment.Name)];
    }

    private async Task<TimeSpan?> ReconcileAsync(ObjectName key, CancellationToken ct)
    {
        if (written.TryRemove(key, out var revisions))
        {
            await CatchUpAsync(replicaSets, revisions.Sets, ct);
            await CatchUpAsync(deployments, revisions.Deployments, ct);
        }

        if (deployments.Get(key) is not { } deployment)
        {
            return null;
        }

        var ns = deployment.Metadata.NamespaceProperty;
        var now = time.GetUtcNow().UtcDateTime;
        var plan = DeploymentPlanner.Plan(deployment, replicaSets.List(ns), pods.List(ns), now);
        var pass = new PassWrites();
        var failure = await ApplyToReplicaSetsAsync(deployment, plan, pass);
        var current = await AnnotateAsync(deployment, plan, pass);
        if (!Same(plan.Status, current.Status))
        {
            var copy = ModelCodec.CloneModel(current);
            copy.Status = plan.Status;
            current = await deploymentApi.UpdateStatusAsync(copy);
            pass.SawDeployment(current);
        }

        if (plan.Rollback is { } rollback)
        {
            await RollBackAsync(current, rollback, pass);
        }

        written[key] = (pass.Sets, pass.Deployments);
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }

        return plan.RequeueAfter;
    }

    /// <summary>Writes the plan's ReplicaSet changes; the first failure's description, the others still tried.</summary>
    private async Task<string?> ApplyToReplicaSetsAsync(V1Deployment deployment, DeploymentPlan plan, PassWrites pass)
    {
        string? failure = null;
        var scaled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in plan.Release.Concat(plan.Update))
        {
            try
            {
                pass.SawSet(await replicaSetApi.UpdateAsync(set));
                scaled.Add(set.Metadata.Name);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Changed since the informer saw it: the event that says so brings this Deployment back.
                failure ??= $"replica set {set.Metadata.Name} changed while being updated: {e.Message}";
            }
        }

        if (plan.Create is { } create)
        {
            try
            {
                pass.SawSet(await replicaSetApi.CreateAsync(create));
                scaled.Add(create.Metadata.Name);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists")
            {
                failure ??= $"replica set {create.Metadata.Name} already exists";
            }
            catch (ApiException e)
            {
                var message = $"Failed to create new replica set \"{create.Metadata.Name}\": {e.Message}";
                await RecordAsync(deployment, EventRecorder.Warning, "ReplicaSetCreateError", message);
                failure ??= message;
            }
        }

        foreach (var scaling in plan.Scalings.Where(s => scaled.Contains(s.Name)))
        {
            await RecordAsync(deployment, EventRecorder.Normal, "ScalingReplicaSet", scaling.Message);
        }

        foreach (var set in plan.Delete)
        {
            try
            {
                var (gone, _) = await replicaSetApi.DeleteAsync(set.Metadata.Name, set.Metadata.NamespaceProperty, new DeleteRequest { Uid = set.Metadata.Uid });
                pass.SawSet(gone);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Gone already, or a different ReplicaSet of that name now.
            }
        }

        return failure;
    }

    /// <summary>Writes the Deployment's annotations (its revision); the Deployment as it now is.</summary>
    private async Task<V1Deployment> AnnotateAsync(V1Deployment deployment, DeploymentPlan plan, PassWrites pass)
    {
        if (plan.Annotations is not { } annotations)
        {
            return deployment;
        }

        var copy = ModelCodec.CloneModel(deployment);
        copy.Metadata.Annotations = new Dictionary<string, string>(annotations);
        var updated = await deploymentApi.UpdateAsync(copy);
        pass.SawDeployment(updated);
        return updated;
    }

    /// <summary>
    /// Puts the template of the revision back, after the status saying the rollout failed was written (so
    /// <c>kubectl rollout status</c> reports the failure), as <c>kubectl rollout undo</c> would.
    /// </summary>
    private async Task RollBackAsync(V1Deployment deployment, Rollback rollback, PassWrites pass)
    {
        var copy = ModelCodec.CloneModel(deployment);
        copy.Spec.Template = rollback.Template;
        pass.SawDeployment(await deploymentApi.UpdateAsync(copy));
        await RecordAsync(deployment, EventRecorder.Warning, Rollback.Reason, rollback.Message);
        LogRolledBack(logger, deployment.Metadata.NamespaceProperty, deployment.Metadata.Name, rollback.Revision);
    }

    private async Task CatchUpAsync<T>(SharedInformer<T> informer, long revision, CancellationToken ct)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        if (revision == 0)
        {
            return;
        }

        try
        {
            await informer.WaitForRevisionAsync(revision, ct).WaitAsync(CatchUpLimit, time, ct);
        }
        catch (TimeoutException)
        {
            LogBehind(logger, revision, informer.Revision);
        }
    }

    private async Task RecordAsync(V1Deployment deployment, string type, string reason, string message)
    {
        try
        {
            await events.RecordAsync(deployment, type, reason, message);
        }
        catch (Exception e)
        {
            LogEventFailed(logger, e, reason);
        }
    }

    private static bool Same(V1DeploymentStatus written, V1DeploymentStatus? current) =>
        current is not null && ModelCodec.Write(written) == ModelCodec.Write(current);

    /// <summary>The newest revisions a pass's writes answered, per kind.</summary>
    private sealed class PassWrites
    {
        public long Sets { get; private set; }

        public long Deployments { get; private set; }

        public void SawSet(V1ReplicaSet set) => Sets = Math.Max(Sets, Revisions.Of(set));

        public void SawDeployment(V1Deployment deployment) => Deployments = Math.Max(Deployments, Revisions.Of(deployment));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "deployment: an informer is still at {Seen}, behind this controller's write at {Revision}")]
    private static partial void LogBehind(ILogger logger, long revision, long seen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Reason} event failed")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Namespace}/{Name} missed its progress deadline: rolled back to revision {Revision}")]
    private static partial void LogRolledBack(ILogger logger, string @namespace, string name, long revision);
}
