using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers.Namespaces;

/// <summary>
/// kube-controller-manager's namespace controller: a namespace marked for deletion is emptied (everything in it is
/// deleted, pods with their grace period), and once nothing is left its <c>kubernetes</c> finalizer is removed so the
/// namespace itself goes. Woken by the namespace's own change and by deletions in a terminating namespace.
/// </summary>
public sealed partial class NamespaceController
{
    public const string Name = "namespace";

    /// <summary>How soon to look again at a namespace that still holds objects being deleted (a pod's grace period).</summary>
    private static readonly TimeSpan StillEmptying = TimeSpan.FromSeconds(2);

    private readonly SharedInformer<V1Namespace> namespaces;
    private readonly IClusterClient cluster;
    private readonly INamespaceContents contents;
    private readonly ILogger logger;

    private NamespaceController(ControllerContext context, INamespaceContents contents)
    {
        namespaces = context.Informers.For<V1Namespace>(ResourceTypes.Namespace);
        cluster = context.Cluster;
        this.contents = contents;
        logger = context.Loggers.CreateLogger("Controllers.namespace");
    }

    public static ControllerDefinition Definition(
        Func<IServiceProvider, ControllerContext> context, Func<IServiceProvider, INamespaceContents> contents, int shards) =>
        new(Name, shards, (services, shard) =>
        {
            var ctx = context(services);
            var controller = new NamespaceController(ctx, contents(services));
            var pods = ctx.Informers.For<V1Pod>(ResourceTypes.Pod);
            return new Controller<string>(Name, shard, key => key, controller.ReconcileAsync, ctx.Queue, ctx.Time, controller.logger)
                .Watch(controller.namespaces, e => [e.Object.Metadata.Name])
                .Watch(pods, e => e.Type == ChangeType.Deleted ? [e.Object.Metadata.NamespaceProperty] : [])
                .ResyncWith(() => controller.namespaces.List().Where(Terminating).Select(n => n.Metadata.Name));
        });

    private static bool Terminating(V1Namespace ns) => ns.Metadata.DeletionTimestamp is not null;

    private async Task<TimeSpan?> ReconcileAsync(string name, CancellationToken ct)
    {
        if (namespaces.Get(new ObjectName(null, name)) is not { } ns || !Terminating(ns))
        {
            return null;
        }

        var remaining = await contents.ListAsync(name, ct);
        foreach (var (type, objectName) in remaining)
        {
            try
            {
                await Grain(type, name, objectName).Delete(new DeleteRequest { PropagationPolicy = "Background" });
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone.
            }
        }

        if (remaining.Count > 0 && (await contents.ListAsync(name, ct)).Count > 0)
        {
            return StillEmptying;
        }

        var finalizers = ns.Spec?.Finalizers?.Where(f => f != DeletionRules.NamespaceFinalizer).ToList();
        if (finalizers?.Count == ns.Spec?.Finalizers?.Count && ns.Spec?.Finalizers is not null)
        {
            return null;
        }

        var finalized = ModelCodec.CloneModel(ns);
        finalized.Spec ??= new V1NamespaceSpec();
        finalized.Spec.Finalizers = finalizers;
        try
        {
            await Grain(ResourceTypes.Namespace, null, name).Finalize(ModelCodec.Write(finalized));
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return null;
        }

        LogFinalized(logger, name);
        return null;
    }

    private IObjectGrain Grain(ResourceType type, string? ns, string name) =>
        cluster.GetGrain<IObjectGrain>(type.ObjectKey(ns, name));

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Name} is empty; finalized")]
    private static partial void LogFinalized(ILogger logger, string name);
}
