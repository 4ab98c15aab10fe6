using k8s.Models;
using OrleansCluster.Core.Printing;
using static OrleansCluster.Core.Tests.Printing.Build;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class ServicePrinterTests
{
    [Fact]
    public void Cluster_ip_service()
    {
        var svc = Service("ClusterIP", s =>
        {
            s.ClusterIP = "10.96.0.10";
            s.ClusterIPs = ["10.96.0.10"];
            s.Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }, new V1ServicePort { Port = 53, Protocol = "UDP" }];
            s.Selector = new Dictionary<string, string> { ["tier"] = "web", ["app"] = "shop" };
        });

        Assert.Equal(["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "2d", "app=shop,tier=web"], Cells(svc));
    }

    [Fact]
    public void Headless_service_without_ports_or_selector()
    {
        var svc = Service("ClusterIP", s => s.ClusterIP = "None");

        Assert.Equal(["web", "ClusterIP", "None", "<none>", "<none>", "2d", "<none>"], Cells(svc));
    }

    [Fact]
    public void Node_port_service_with_external_ips()
    {
        var svc = Service("NodePort", s =>
        {
            s.ClusterIPs = ["10.96.1.2"];
            s.ExternalIPs = ["192.0.2.1", "192.0.2.2"];
            s.Ports = [new V1ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }];
        });

        Assert.Equal(["web", "NodePort", "10.96.1.2", "192.0.2.1,192.0.2.2", "80:30080/TCP", "2d", "<none>"], Cells(svc));
    }

    [Fact]
    public void Load_balancer_waiting_for_an_address_is_pending()
    {
        var svc = Service("LoadBalancer", s => s.Ports = [new V1ServicePort { Port = 443, NodePort = 31443, Protocol = "TCP" }]);

        Assert.Equal("<pending>", Cells(svc)[3]);
        Assert.Equal("443:31443/TCP", Cells(svc)[4]);
    }

    [Fact]
    public void Load_balancer_lists_sorted_ingress_addresses_then_external_ips_unshortened()
    {
        var svc = Service("LoadBalancer", s => s.ExternalIPs = ["192.0.2.9"]);
        svc.Status = new V1ServiceStatus
        {
            LoadBalancer = new V1LoadBalancerStatus
            {
                Ingress =
                [
                    new V1LoadBalancerIngress { Hostname = "a-very-long-name.elb.example.com" },
                    new V1LoadBalancerIngress { Ip = "203.0.113.7" },
                    new V1LoadBalancerIngress { Ip = "203.0.113.7" },
                ],
            },
        };

        Assert.Equal("203.0.113.7,a-very-long-name.elb.example.com,192.0.2.9", Cells(svc)[3]);
    }

    [Fact]
    public void External_name_service_shows_the_name_and_no_cluster_ip()
    {
        var svc = Service("ExternalName", s => s.ExternalName = "db.example.com");

        Assert.Equal(["web", "ExternalName", "<none>", "db.example.com", "<none>", "2d", "<none>"], Cells(svc));
    }

    [Fact]
    public void A_port_without_protocol_prints_as_kubernetes_does()
    {
        var svc = Service("ClusterIP", s => s.Ports = [new V1ServicePort { Port = 80 }]);

        Assert.Equal("80/", Cells(svc)[4]);
    }

    [Fact]
    public void An_unknown_type_has_an_unknown_external_ip() =>
        Assert.Equal("<unknown>", Cells(Service(null, _ => { }))[3]);

    [Fact]
    public void Columns_match_kubernetes() =>
        Assert.Equal(
            [("Name", 0), ("Type", 0), ("Cluster-IP", 0), ("External-IP", 0), ("Port(s)", 0), ("Age", 0), ("Selector", 1)],
            ServicePrinter.Columns.Select(c => (c.Name, c.Priority)));

    private static V1Service Service(string? type, Action<V1ServiceSpec> change)
    {
        var spec = new V1ServiceSpec { Type = type };
        change(spec);
        return new V1Service { Metadata = Meta("web", TimeSpan.FromDays(2)), Spec = spec };
    }

    private static IReadOnlyList<object> Cells(V1Service svc) => ServicePrinter.Print(svc, Now).Cells;
}
