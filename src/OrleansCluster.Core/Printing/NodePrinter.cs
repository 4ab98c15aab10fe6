using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary>
/// <c>kubectl get nodes</c>: NAME STATUS ROLES AGE VERSION, and with -o wide INTERNAL-IP EXTERNAL-IP OS-IMAGE
/// KERNEL-VERSION CONTAINER-RUNTIME.
/// </summary>
public static class NodePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Status", "The status of the node"),
        TableColumn.Text("Roles", "The roles of the node"),
        TableColumn.Age,
        TableColumn.Text("Version", "The kubelet version the node reports."),
        TableColumn.Text("Internal-IP", "The node's first InternalIP address.", priority: 1),
        TableColumn.Text("External-IP", "The node's first ExternalIP address.", priority: 1),
        TableColumn.Text("OS-Image", "The operating system image the node reports.", priority: 1),
        TableColumn.Text("Kernel-Version", "The kernel version the node reports.", priority: 1),
        TableColumn.Text("Container-Runtime", "The container runtime and version the node reports.", priority: 1),
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Node>(Columns, Print);

    public static PrintedRow Print(V1Node node, DateTime now)
    {
        var info = node.Status?.NodeInfo;
        return new PrintedRow(
            node.Metadata?.Name ?? "",
            Status(node),
            Roles(node.Metadata?.Labels),
            HumanDuration.Since(node.Metadata?.CreationTimestamp, now),
            info?.KubeletVersion ?? "",
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            OrUnknown(info?.OsImage),
            OrUnknown(info?.KernelVersion),
            OrUnknown(info?.ContainerRuntimeVersion));
    }

    /// <summary><c>Ready</c>, <c>NotReady</c> or <c>Unknown</c> (no Ready condition), plus <c>,SchedulingDisabled</c> when cordoned.</summary>
    public static string Status(V1Node node)
    {
        var ready = node.Status?.Conditions?.LastOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec?.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Roles from <c>node-role.kubernetes.io/&lt;role&gt;</c> label keys and the legacy <c>kubernetes.io/role</c> value.</summary>
    public static string Roles(IDictionary<string, string>? labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            {
                roles.Add(key[RolePrefix.Length..]);
            }
            else if (key == LegacyRoleLabel && !string.IsNullOrEmpty(value))
            {
                roles.Add(value);
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(V1Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
