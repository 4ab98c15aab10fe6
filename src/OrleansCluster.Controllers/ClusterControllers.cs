using k8s.Models;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.Controllers.Deployments;
using OrleansCluster.Controllers.GarbageCollection;
using OrleansCluster.Controllers.Namespaces;
using OrleansCluster.Controllers.NodeLifecycle;
using OrleansCluster.Controllers.Replicas;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Controllers;

/// <summary>The controllers the control plane runs (kube-controller-manager's list), each a registration here.</summary>
public static class ClusterControllers
{
    public static IReadOnlyList<ControllerDefinition> All(
        Func<IServiceProvider, ControllerContext> context, Func<IServiceProvider, INamespaceContents> namespaceContents,
        ControllerOptions options)
    {
        List<ControllerDefinition> all =
        [
            NamespaceController.Definition(context, namespaceContents, options.Shards),
            GarbageCollector.Definition(context, options.Shards),
            NodeLifecycleController.Definition(context, options.Shards),
        ];
        if (ResourceTypes.FindByKind("ReplicaSet") is { } replicaSets)
        {
            all.Add(ReplicaController<V1ReplicaSet>.Definition(context, ReplicaKinds.ReplicaSet(replicaSets), options.Shards));
        }

        if (ResourceTypes.FindByKind("ReplicationController") is { } replicationControllers)
        {
            all.Add(ReplicaController<V1ReplicationController>.Definition(
                context, ReplicaKinds.ReplicationController(replicationControllers), options.Shards));
        }

        if (ResourceTypes.FindByKind("Deployment") is { } deployments && ResourceTypes.FindByKind("ReplicaSet") is { } sets)
        {
            all.Add(DeploymentController.Definition(context, deployments, sets, options.Shards));
        }

        return all.Where(c => !options.Disabled.Contains(c.Name)).ToList();
    }
}
