using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Grains.Objects;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Controllers;

/// <summary>
/// kube-controller-manager's namespace controller. Level-based: for a namespace it is asked about, it
/// reads the truth (is it terminating? what is still in it?), deletes what is left, and once the namespace
/// is empty removes the <c>kubernetes</c> finalizer so the namespace itself goes. A namespace grain's call
/// is the fast path; a reminder relists terminating namespaces as the safety net.
/// </summary>
public sealed partial class NamespaceControllerGrain(ObjectStore store, ILogger<NamespaceControllerGrain> logger)
    : Grain, INamespaceControllerGrain, IRemindable
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Requeue = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> queue = new(StringComparer.Ordinal);
    private IGrainTimer? timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.RegisterOrUpdateReminder("resync", Resync, Resync);
    }

    Task INamespaceControllerGrain.Enqueue(string name)
    {
        queue.Add(name);
        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var terminating = await store.ListAsync(ResourceTypes.Namespace.QualifiedPlural, null,
            LabelSelector.Parse(null), FieldSelector.Parse("status.phase=Terminating"));
        foreach (var item in terminating.Items)
        {
            queue.Add(item.Key.Name);
        }

        Schedule(TimeSpan.Zero);
    }

    private void Schedule(TimeSpan due)
    {
        timer?.Dispose();
        timer = this.RegisterGrainTimer(DrainAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        var retry = false;
        foreach (var name in queue.ToList())
        {
            queue.Remove(name);
            try
            {
                if (!await ReconcileAsync(name, ct))
                {
                    queue.Add(name);
                    retry = true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReconcileFailed(logger, e, name);
                queue.Add(name);
                retry = true;
            }
        }

        if (retry)
        {
            Schedule(Requeue);
        }
    }

    /// <summary>One pass over a namespace; true when there is nothing more to do for it.</summary>
    private async Task<bool> ReconcileAsync(string name, CancellationToken ct)
    {
        var nsGrain = GrainFactory.GetGrain<IObjectGrain>(ObjectKeys.For(ResourceTypes.Namespace, null, name));
        if (await nsGrain.GetLifecycle() != Lifecycle.Terminating)
        {
            return true;
        }

        var remaining = await store.KeysInNamespaceAsync(name, ct);
        foreach (var key in remaining)
        {
            var type = ObjectKeys.ResourceOf(key.Resource);
            var grain = GrainFactory.GetGrain<IObjectGrain>(ObjectKeys.For(type, key.Namespace, key.Name));
            try
            {
                await grain.Delete(new DeleteRequest { PropagationPolicy = "Background" });
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone.
            }
        }

        if (remaining.Count > 0 && (await store.KeysInNamespaceAsync(name, ct)).Count > 0)
        {
            return false;
        }

        var json = await nsGrain.Get();
        if (json is null)
        {
            return true;
        }

        var ns = (V1Namespace)ModelCodec.Parse(ResourceTypes.Namespace, json);
        var finalizers = ns.Spec?.Finalizers?.Where(f => f != DeletionRules.NamespaceFinalizer).ToList();
        ns.Spec ??= new V1NamespaceSpec();
        ns.Spec.Finalizers = finalizers;
        await nsGrain.Finalize(ModelCodec.Write(ns));
        LogFinalized(logger, name);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Namespace {Name}: reconcile failed; will retry")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Name} is empty; finalized")]
    private static partial void LogFinalized(ILogger logger, string name);
}
