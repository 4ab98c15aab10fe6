using System.Globalization;
using System.Text;
using k8s.Models;
using OrleansCluster.Core.NodeAgent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>Translates a pod's spec into the runtime's sandbox and container specs, as kubelet does: environment
/// (values, field references, <c>$(VAR)</c> expansion), command and args, working directory, limits and ports.</summary>
public static class ContainerSpecs
{
    public static PodRef Ref(V1Pod pod) => new(pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid);

    public static SandboxSpec Sandbox(V1Pod pod, int attempt) => new(Ref(pod))
    {
        Hostname = pod.Spec.Hostname ?? pod.Metadata.Name,
        Network = pod.Spec.HostNetwork == true ? SandboxNetwork.Host : SandboxNetwork.Bridge,
        Ports = pod.Spec.Containers.SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => new PortMapping(p.ContainerPort, p.HostPort!.Value, p.Protocol ?? "TCP", p.HostIP))
            .ToList(),
        Attempt = attempt,
        Dns = Resolver(pod),
    };

    /// <summary>The pod's resolver (<see cref="PodResolver"/>); the cluster serves no DNS of its own yet.</summary>
    private static SandboxDns Resolver(V1Pod pod)
    {
        var config = PodResolver.For(pod, clusterServers: []);
        return new SandboxDns(config.Nameservers, config.Searches, config.Options);
    }

    public static ContainerSpec Container(V1Pod pod, V1Container c, int attempt, int backoffStep, string? podIp, string hostIp)
    {
        var env = Environment(pod, c, podIp, hostIp);
        var lookup = env.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Last().Value);
        return new ContainerSpec(c.Name, c.Image)
        {
            Command = (c.Command ?? []).Select(a => Expand(a, lookup)).ToList(),
            Args = (c.Args ?? []).Select(a => Expand(a, lookup)).ToList(),
            Env = env,
            WorkingDir = string.IsNullOrEmpty(c.WorkingDir) ? null : c.WorkingDir,
            Resources = Limits(c.Resources),
            Stdin = c.Stdin == true,
            Tty = c.Tty == true,
            Attempt = attempt,
            Labels = new Dictionary<string, string> { [PodObserver.BackoffStepLabel] = backoffStep.ToString(CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>The container's environment in order; a value may refer to variables defined before it.</summary>
    public static IReadOnlyList<EnvVar> Environment(V1Pod pod, V1Container c, string? podIp, string hostIp)
    {
        var result = new List<EnvVar>();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in c.Env ?? [])
        {
            var value = e.ValueFrom?.FieldRef is { } field
                ? Field(pod, field.FieldPath, podIp, hostIp)
                : e.ValueFrom?.ResourceFieldRef is { } resource
                    ? Resource(c, resource)
                    : Expand(e.Value ?? "", defined);
            defined[e.Name] = value;
            result.Add(new EnvVar(e.Name, value));
        }

        return result;
    }

    /// <summary>The value of a downward-API field path.</summary>
    public static string Field(V1Pod pod, string path, string? podIp, string hostIp)
    {
        var meta = pod.Metadata;
        return path switch
        {
            "metadata.name" => meta.Name,
            "metadata.namespace" => meta.NamespaceProperty,
            "metadata.uid" => meta.Uid,
            "spec.nodeName" => pod.Spec.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
            "status.podIP" or "status.podIPs" => podIp ?? "",
            "status.hostIP" or "status.hostIPs" => hostIp,
            _ when Subscript(path, "metadata.labels") is { } key => meta.Labels?.TryGetValue(key, out var l) == true ? l : "",
            _ when Subscript(path, "metadata.annotations") is { } key => meta.Annotations?.TryGetValue(key, out var a) == true ? a : "",
            _ => "",
        };
    }

    public static ResourceLimits Limits(V1ResourceRequirements? resources)
    {
        static ResourceQuantity? Get(IDictionary<string, ResourceQuantity>? map, string name) =>
            map is not null && map.TryGetValue(name, out var q) ? q : null;
        var memory = Get(resources?.Limits, "memory");
        var cpuLimit = Get(resources?.Limits, "cpu");
        var cpuRequest = Get(resources?.Requests, "cpu") ?? cpuLimit;
        return new ResourceLimits(memory?.ToInt64(), Millis(cpuLimit), Millis(cpuRequest));
    }

    private static long? Millis(ResourceQuantity? q) => q is null ? null : (long)Math.Ceiling(q.ToDecimal() * 1000);

    private static string Resource(V1Container c, V1ResourceFieldSelector selector)
    {
        var parts = selector.Resource.Split('.', 2);
        var map = parts[0] == "limits" ? c.Resources?.Limits : c.Resources?.Requests;
        if (parts.Length < 2 || map is null || !map.TryGetValue(parts[1], out var q))
        {
            return "";
        }

        var divisor = selector.Divisor?.ToDecimal() ?? 1m;
        return Math.Ceiling(q.ToDecimal() / (divisor == 0 ? 1 : divisor)).ToString(CultureInfo.InvariantCulture);
    }

    private static string? Subscript(string path, string prefix) =>
        path.StartsWith(prefix + "['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal)
            ? path[(prefix.Length + 2)..^2]
            : null;

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion: known names are replaced, <c>$$</c> escapes, anything else stays.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> vars)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length)
            {
                sb.Append(text[i]);
            }
            else if (text[i + 1] == '$')
            {
                sb.Append('$');
                i++;
            }
            else if (text[i + 1] == '(' && text.IndexOf(')', i + 2) is var close && close > 0
                && vars.TryGetValue(text[(i + 2)..close], out var value))
            {
                sb.Append(value);
                i = close;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }
}
