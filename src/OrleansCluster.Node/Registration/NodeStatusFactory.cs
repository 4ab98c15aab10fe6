using k8s.Models;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Registration;

/// <summary>The Node object a node agent registers and the status it reports, as kubelet words them.</summary>
public static class NodeStatusFactory
{
    public const string KubeletVersion = "v1.32.0";

    public static Dictionary<string, string> Labels(string node, HostFacts facts) => new()
    {
        ["kubernetes.io/hostname"] = node,
        ["kubernetes.io/os"] = facts.OperatingSystem,
        ["kubernetes.io/arch"] = facts.Architecture,
        ["beta.kubernetes.io/os"] = facts.OperatingSystem,
        ["beta.kubernetes.io/arch"] = facts.Architecture,
    };

    public static V1Node NewNode(string node, HostFacts facts) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = node, Labels = Labels(node, facts) },
        Spec = new V1NodeSpec(),
    };

    /// <summary>
    /// The status to report: capacity, addresses, nodeInfo, the daemon endpoint and the four conditions. A condition
    /// keeps its lastTransitionTime while its value stays; its heartbeat is <paramref name="now"/>.
    /// </summary>
    public static V1NodeStatus Status(
        string node, HostFacts facts, RuntimeVersion runtime, NodeOptions options, V1NodeStatus? old, DateTime now)
    {
        var capacity = facts.Capacity(options.MaxPods);
        return new V1NodeStatus
        {
            Capacity = capacity,
            Allocatable = new Dictionary<string, ResourceQuantity>(capacity),
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = options.Address },
                new V1NodeAddress { Type = "Hostname", Address = node },
            ],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = options.KubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = facts.Architecture,
                BootID = facts.BootId,
                ContainerRuntimeVersion = runtime.ToString(),
                KernelVersion = facts.KernelVersion,
                KubeProxyVersion = KubeletVersion,
                KubeletVersion = KubeletVersion,
                MachineID = facts.MachineId,
                OperatingSystem = facts.OperatingSystem,
                OsImage = facts.OsImage,
                SystemUUID = facts.MachineId,
            },
            Conditions =
            [
                Condition(old, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                Condition(old, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                Condition(old, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                Condition(old, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
            ],
            Images = old?.Images,
        };
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> differ in more than heartbeat times.</summary>
    public static bool DiffersBeyondHeartbeat(V1NodeStatus a, V1NodeStatus? b)
    {
        if (b is null)
        {
            return true;
        }

        static string Shape(V1NodeStatus s) => k8s.KubernetesJson.Serialize(s with
        {
            Conditions = s.Conditions?.Select(c => c with { LastHeartbeatTime = null }).ToList(),
        });
        return Shape(a) != Shape(b);
    }

    private static V1NodeCondition Condition(V1NodeStatus? old, string type, string status, string reason, string message, DateTime now)
    {
        var previous = old?.Conditions?.FirstOrDefault(c => c.Type == type);
        var second = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return new V1NodeCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = second,
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime : second,
        };
    }
}
