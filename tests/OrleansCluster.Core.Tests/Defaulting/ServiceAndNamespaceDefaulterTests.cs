using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Defaulting;

public sealed class ServiceAndNamespaceDefaulterTests
{
    [Fact]
    public void Service_defaults_on_create()
    {
        var service = Service(new V1ServicePort { Port = 80 });

        ObjectDefaulter.ApplyCreate(ResourceTypes.Service, service);

        var spec = service.Spec;
        Assert.Equal(
            ("ClusterIP", "None", "Cluster", "SingleStack", "IPv4"),
            (spec.Type, spec.SessionAffinity, spec.InternalTrafficPolicy, spec.IpFamilyPolicy, Assert.Single(spec.IpFamilies)));
        Assert.Equal(("TCP", "80"), (spec.Ports[0].Protocol, spec.Ports[0].TargetPort.Value));
        Assert.Null(spec.ClusterIP);
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Service, service));
    }

    [Fact]
    public void A_named_target_port_is_kept()
    {
        var service = Service(new V1ServicePort { Port = 80, TargetPort = "http" });

        ObjectDefaulter.Apply(ResourceTypes.Service, service);

        Assert.Equal("http", service.Spec.Ports[0].TargetPort.Value);
    }

    [Theory]
    [InlineData("NodePort", "Cluster", null)]
    [InlineData("LoadBalancer", "Cluster", true)]
    [InlineData("ClusterIP", null, null)]
    public void Node_facing_types_get_traffic_policy_defaults(string type, string? externalPolicy, bool? allocateNodePorts)
    {
        var service = Service(new V1ServicePort { Port = 80 });
        service.Spec.Type = type;

        ObjectDefaulter.Apply(ResourceTypes.Service, service);

        Assert.Equal((externalPolicy, allocateNodePorts), (service.Spec.ExternalTrafficPolicy, service.Spec.AllocateLoadBalancerNodePorts));
    }

    [Fact]
    public void Client_ip_affinity_gets_a_three_hour_timeout()
    {
        var service = Service(new V1ServicePort { Port = 80 });
        service.Spec.SessionAffinity = "ClientIP";

        ObjectDefaulter.Apply(ResourceTypes.Service, service);

        Assert.Equal(10800, service.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public void External_name_services_get_no_cluster_ip_policies()
    {
        var service = Service();
        service.Spec.Type = "ExternalName";
        service.Spec.ExternalName = "db.example.com";

        ObjectDefaulter.Apply(ResourceTypes.Service, service);

        Assert.Equal((null, null), (service.Spec.InternalTrafficPolicy, service.Spec.IpFamilyPolicy));
    }

    [Fact]
    public void Update_carries_over_the_allocated_cluster_ip_and_node_ports()
    {
        var oldService = Service(new V1ServicePort { Port = 80, Protocol = "TCP", NodePort = 30080 });
        oldService.Spec.Type = "NodePort";
        oldService.Spec.ClusterIP = "10.96.0.20";
        oldService.Spec.ClusterIPs = ["10.96.0.20"];
        var newService = Service(new V1ServicePort { Port = 80 });
        newService.Spec.Type = "NodePort";

        ObjectDefaulter.ApplyUpdate(ResourceTypes.Service, newService, oldService);

        Assert.Equal(("10.96.0.20", 30080), (newService.Spec.ClusterIP, newService.Spec.Ports[0].NodePort));
        Assert.Empty(ObjectValidator.ValidateUpdate(ResourceTypes.Service, newService, oldService));
    }

    [Fact]
    public void Namespace_defaults_on_create()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } };

        ObjectDefaulter.ApplyCreate(ResourceTypes.Namespace, ns);

        Assert.Equal(["kubernetes"], ns.Spec.Finalizers);
        Assert.Equal("Active", ns.Status.Phase);
        Assert.Equal("team-a", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Namespace, ns));
    }

    [Fact]
    public void Namespace_name_label_cannot_be_spoofed_and_finalizers_survive_updates()
    {
        var oldNs = new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } };
        ObjectDefaulter.ApplyCreate(ResourceTypes.Namespace, oldNs);
        var newNs = new V1Namespace
        {
            Metadata = new V1ObjectMeta
            {
                Name = "team-a",
                Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "other", ["env"] = "prod" },
            },
            Spec = new V1NamespaceSpec { Finalizers = [] },
            Status = new V1NamespaceStatus { Phase = "Terminating" },
        };

        ObjectDefaulter.ApplyUpdate(ResourceTypes.Namespace, newNs, oldNs);

        Assert.Equal("team-a", newNs.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("prod", newNs.Metadata.Labels["env"]);
        Assert.Equal(["kubernetes"], newNs.Spec.Finalizers);
        Assert.Equal("Active", newNs.Status.Phase);
    }

    [Fact]
    public void Node_allocatable_defaults_to_capacity()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n1" },
            Status = new V1NodeStatus { Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4") } },
        };

        ObjectDefaulter.Apply(ResourceTypes.Node, node);

        Assert.Equal("4", node.Status.Allocatable["cpu"].ToString());
        Assert.NotNull(node.Spec);
    }

    [Fact]
    public void Events_are_left_as_they_are()
    {
        var ev = new Corev1Event { Metadata = new V1ObjectMeta { Name = "e", NamespaceProperty = "default" } };

        ObjectDefaulter.ApplyCreate(ResourceTypes.Event, ev);

        Assert.Equal((null, null, null), (ev.Type, ev.Count, ev.FirstTimestamp));
    }

    private static V1Service Service(params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = ports.ToList() },
    };
}
