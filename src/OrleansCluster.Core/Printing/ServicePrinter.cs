using k8s.Models;

namespace OrleansCluster.Core.Printing;

/// <summary><c>kubectl get services</c>: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and with -o wide SELECTOR.</summary>
public static class ServicePrinter
{
    private const string None = "<none>";

    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        TableColumn.ObjectName(),
        TableColumn.Text("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
        TableColumn.Text("Cluster-IP", "The service's virtual IP inside the cluster (spec.clusterIPs[0])."),
        TableColumn.Text("External-IP", "Addresses the service is reachable at from outside the cluster."),
        TableColumn.Text("Port(s)", "The ports the service exposes, with node ports where allocated."),
        TableColumn.Age,
        TableColumn.Text("Selector", "The labels of the pods this service routes to.", priority: 1),
    ];

    public static readonly KindPrinter Printer = KindPrinter.For<V1Service>(Columns, Print);

    public static PrintedRow Print(V1Service service, DateTime now)
    {
        var spec = service.Spec;
        var clusterIp = spec?.ClusterIPs is { Count: > 0 } ips ? ips[0] : spec?.ClusterIP;
        var ports = string.Join(",", (spec?.Ports ?? []).Select(Port));
        return new PrintedRow(
            service.Metadata?.Name ?? "",
            spec?.Type ?? "",
            string.IsNullOrEmpty(clusterIp) ? None : clusterIp,
            ExternalIp(service),
            ports.Length == 0 ? None : ports,
            HumanDuration.Since(service.Metadata?.CreationTimestamp, now),
            Labels.Format(spec?.Selector));
    }

    private static string Port(V1ServicePort port) =>
        port.NodePort is > 0
            ? $"{port.Port}:{port.NodePort}/{port.Protocol}"
            : $"{port.Port}/{port.Protocol}";

    private static string ExternalIp(V1Service service)
    {
        var spec = service.Spec;
        var externalIps = spec?.ExternalIPs ?? [];
        switch (spec?.Type)
        {
            case "ClusterIP" or "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : None;
            case "LoadBalancer":
                // The server prints the wide form, so the ingress list is never shortened.
                var ingress = (service.Status?.LoadBalancer?.Ingress ?? [])
                    .Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname)
                    .Where(a => !string.IsNullOrEmpty(a))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var all = ingress.Concat(externalIps).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }
}
