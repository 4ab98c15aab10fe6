using k8s;
using k8s.Models;
using OrleansCluster.Core.Printing;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// <c>kubectl get replicasets</c> and <c>replicationcontrollers</c>: NAME DESIRED CURRENT READY AGE, and with
/// -o wide CONTAINERS IMAGES SELECTOR.
/// </summary>
public static class ReplicaPrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        new("Desired", "integer", "", "Number of desired pods."),
        new("Current", "integer", "", "Number of actual replicas."),
        new("Ready", "integer", "", "The number of ready replicas for this replica set."),
        TableColumn.Age,
        TableColumn.Text("Containers", "Names of each container in the template.", priority: 1),
        TableColumn.Text("Images", "Images referenced by each container in the template.", priority: 1),
        TableColumn.Text("Selector", "Label query over pods that should match the replicas count.", priority: 1),
    ];

    /// <summary>A printer reading the counts (desired, current, ready), the template and the selector text of a <typeparamref name="T"/>.</summary>
    public static KindPrinter For<T>(
        Func<T, (int? Desired, int? Current, int? Ready)> counts, Func<T, V1PodTemplateSpec?> template, Func<T, string> selector)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        KindPrinter.For<T>(Columns, (obj, now) =>
        {
            var (desired, current, ready) = counts(obj);
            var (names, images) = PodTemplates.Containers(template(obj));
            return new PrintedRow(
                obj.Metadata?.Name ?? "",
                (long)(desired ?? 0),
                (long)(current ?? 0),
                (long)(ready ?? 0),
                HumanDuration.Since(obj.Metadata?.CreationTimestamp, now),
                names,
                images,
                selector(obj));
        });
}
