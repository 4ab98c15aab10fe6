using k8s.Models;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// Service defaults for a single-stack IPv4 cluster. Cluster IPs and node ports are allocated elsewhere;
/// on update this only carries over what the client left out, so a re-applied manifest keeps its allocation.
/// </summary>
public static class ServiceDefaulter
{
    public const int DefaultClientIPTimeoutSeconds = 10800;

    public static void Apply(V1Service service)
    {
        var spec = service.Spec ??= new V1ServiceSpec();
        spec.Type = Text.Or(spec.Type, ServiceValidator.ClusterIP);
        spec.SessionAffinity = Text.Or(spec.SessionAffinity, "None");
        if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new V1SessionAffinityConfig
            {
                ClientIP = new V1ClientIPConfig { TimeoutSeconds = DefaultClientIPTimeoutSeconds },
            };
        }

        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol = Text.Or(port.Protocol, "TCP");
            if (string.IsNullOrEmpty(port.TargetPort?.Value) || port.TargetPort.Value == "0")
            {
                port.TargetPort = port.Port;
            }
        }

        if (spec.Type is ServiceValidator.NodePort or ServiceValidator.LoadBalancer)
        {
            spec.ExternalTrafficPolicy = Text.Or(spec.ExternalTrafficPolicy, "Cluster");
        }

        if (spec.Type == ServiceValidator.LoadBalancer)
        {
            spec.AllocateLoadBalancerNodePorts ??= true;
        }

        if (spec.Type != ServiceValidator.ExternalName)
        {
            spec.InternalTrafficPolicy = Text.Or(spec.InternalTrafficPolicy, "Cluster");
            ApplyIpFamilies(spec);
        }
    }

    public static void ApplyUpdate(V1Service newService, V1Service oldService)
    {
        Apply(newService);
        var spec = newService.Spec!;
        var old = oldService.Spec ?? new V1ServiceSpec();
        newService.Status = oldService.Status;
        if (spec.Type != ServiceValidator.ExternalName && old.Type != ServiceValidator.ExternalName)
        {
            spec.ClusterIP = Text.Or(spec.ClusterIP, old.ClusterIP ?? "");
            if ((spec.ClusterIPs?.Count ?? 0) == 0)
            {
                spec.ClusterIPs = old.ClusterIPs;
            }
        }

        if (NeedsNodePorts(spec) && NeedsNodePorts(old))
        {
            foreach (var port in (spec.Ports ?? []).Where(p => p.NodePort is null or 0))
            {
                port.NodePort = (old.Ports ?? []).FirstOrDefault(o => o.Port == port.Port && o.Protocol == port.Protocol)?.NodePort;
            }
        }
    }

    private static bool NeedsNodePorts(V1ServiceSpec spec) =>
        spec.Type is ServiceValidator.NodePort or ServiceValidator.LoadBalancer;

    // Headless services without a selector list endpoints by hand, in whatever family; Kubernetes marks them dual-stack.
    private static void ApplyIpFamilies(V1ServiceSpec spec)
    {
        var headlessWithoutSelector = spec.ClusterIP == ServiceValidator.Headless && (spec.Selector?.Count ?? 0) == 0;
        spec.IpFamilyPolicy = Text.Or(spec.IpFamilyPolicy, headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
        if ((spec.IpFamilies?.Count ?? 0) == 0)
        {
            spec.IpFamilies = ["IPv4"];
        }
    }
}
