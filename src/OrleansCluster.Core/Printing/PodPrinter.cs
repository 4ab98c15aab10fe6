using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary><c>kubectl get pods</c>: NAME READY STATUS RESTARTS AGE, and with -o wide IP NODE NOMINATED NODE READINESS GATES.</summary>
public static class PodPrinter
{
    private const string None = "<none>";

    private static readonly RowCondition[] Succeeded =
        [new("Completed", "True", "Succeeded", "The pod has completed successfully.")];

    private static readonly RowCondition[] Failed =
        [new("Completed", "True", "Failed", "The pod failed.")];

    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        TableColumn.Text("Status", "The aggregate status of the containers in this pod."),
        TableColumn.Text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        TableColumn.Text("IP", "The pod's primary IP address (status.podIPs[0]).", priority: 1),
        TableColumn.Text("Node", "The node the pod is bound to (spec.nodeName).", priority: 1),
        TableColumn.Text("Nominated Node", "The node where the pod may run once preemption completes (status.nominatedNodeName).", priority: 1),
        TableColumn.Text("Readiness Gates", "How many of the pod's readiness gates are satisfied.", priority: 1),
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Pod>(Columns, Print);

    public static PrintedRow Print(V1Pod pod, DateTime now)
    {
        var summary = PodStatusSummary.Of(pod);
        var cells = new object[]
        {
            pod.Metadata?.Name ?? "",
            summary.ReadyText,
            summary.Reason,
            summary.RestartsText(now),
            HumanDuration.Since(pod.Metadata?.CreationTimestamp, now),
            OrNone(PodIp(pod.Status)),
            OrNone(pod.Spec?.NodeName),
            OrNone(pod.Status?.NominatedNodeName),
            ReadinessGates(pod),
        };
        var conditions = pod.Status?.Phase switch
        {
            "Succeeded" => Succeeded,
            "Failed" => Failed,
            _ => [],
        };
        return new PrintedRow(cells, conditions);
    }

    private static string? PodIp(V1PodStatus? status) =>
        status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip : status?.PodIP;

    private static string ReadinessGates(V1Pod pod)
    {
        var gates = pod.Spec?.ReadinessGates;
        if (gates is not { Count: > 0 })
        {
            return None;
        }

        var conditions = pod.Status?.Conditions ?? [];
        var satisfied = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.Type == gate.ConditionType) is { Status: "True" });
        return $"{satisfied}/{gates.Count}";
    }

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;
}
