using k8s.Models;
using OrleansCluster.Core.Printing;

namespace OrleansCluster.Core.Kinds;

/// <summary><c>kubectl get deployments</c>: NAME READY UP-TO-DATE AVAILABLE AGE, and with -o wide CONTAINERS IMAGES SELECTOR.</summary>
public static class DeploymentPrinter
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Ready", "Number of the pods that are ready out of those desired."),
        new("Up-to-date", "integer", "", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "integer", "", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        TableColumn.Age,
        TableColumn.Text("Containers", "Names of each container in the template.", priority: 1),
        TableColumn.Text("Images", "Images referenced by each container in the template.", priority: 1),
        TableColumn.Text("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1),
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Deployment>(Columns, Print);

    public static PrintedRow Print(V1Deployment deployment, DateTime now)
    {
        var spec = deployment.Spec;
        var status = deployment.Status;
        var (names, images) = PodTemplates.Containers(spec?.Template);
        return new PrintedRow(
            deployment.Metadata?.Name ?? "",
            $"{status?.ReadyReplicas ?? 0}/{spec?.Replicas ?? 0}",
            (long)(status?.UpdatedReplicas ?? 0),
            (long)(status?.AvailableReplicas ?? 0),
            HumanDuration.Since(deployment.Metadata?.CreationTimestamp, now),
            names,
            images,
            WorkloadRules.Text(spec?.Selector));
    }
}
