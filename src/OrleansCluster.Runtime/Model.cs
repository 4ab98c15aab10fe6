namespace OrleansCluster.Runtime;

/// <summary>The pod an object belongs to.</summary>
public sealed record PodRef(string Namespace, string Name, string Uid);

public enum SandboxNetwork
{
    /// <summary>The engine's default bridge: the pod gets its own IP.</summary>
    Bridge,
    /// <summary>Loopback only.</summary>
    None,
    /// <summary>The host's network namespace (<c>hostNetwork: true</c>).</summary>
    Host,
}

public sealed record PortMapping(int ContainerPort, int HostPort, string Protocol = "TCP", string? HostIp = null);

public sealed record SandboxSpec(PodRef Pod)
{
    public string? Hostname { get; init; }
    public SandboxNetwork Network { get; init; } = SandboxNetwork.Bridge;
    public IReadOnlyList<PortMapping> Ports { get; init; } = [];
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>The pod's <c>/etc/resolv.conf</c>, which every container of the pod shares; null: the engine's default.</summary>
    public SandboxDns? Dns { get; init; }
    /// <summary>Raised each time the pod's sandbox is recreated; part of the engine-side name.</summary>
    public int Attempt { get; init; }
}

public sealed record SandboxDns(IReadOnlyList<string> Nameservers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);

public enum SandboxState { Ready, NotReady }

public sealed record PodSandbox(
    string Id, PodRef Pod, SandboxState State, string? IpAddress, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Labels);

public sealed record EnvVar(string Name, string Value);

/// <summary>Docker limits from Kubernetes resources: memory limit in bytes, CPU in millicores
/// (limit → CFS quota over a 100 ms period, request → CPU shares), as kubelet sets them.</summary>
public sealed record ResourceLimits(long? MemoryBytes = null, long? CpuLimitMillis = null, long? CpuRequestMillis = null);

public sealed record ContainerSpec(string Name, string Image)
{
    /// <summary>Replaces the image's entrypoint when not empty (Kubernetes' <c>command</c>).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    /// <summary>Replaces the image's CMD when not empty, or when <see cref="Command"/> is given (Kubernetes' <c>args</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<EnvVar> Env { get; init; } = [];
    public string? WorkingDir { get; init; }
    public ResourceLimits Resources { get; init; } = new();
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public bool Stdin { get; init; }
    public bool Tty { get; init; }
    /// <summary>The restart count this container is created for; part of the engine-side name.</summary>
    public int Attempt { get; init; }
}

public enum ContainerState { Created, Running, Exited, Unknown }

public sealed record ContainerSummary(
    string Id, string SandboxId, string Name, PodRef Pod, int Attempt, ContainerState State,
    string Image, string ImageId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Labels);

public sealed record ContainerStatus(
    string Id, string SandboxId, string Name, PodRef Pod, int Attempt, ContainerState State,
    string Image, string ImageId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Labels)
{
    public int? ExitCode { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public bool OomKilled { get; init; }
    /// <summary>The engine's error for a container that failed to start.</summary>
    public string? Error { get; init; }
}

public sealed record ImageInfo(string Id, IReadOnlyList<string> Tags, long Size);

public sealed record RuntimeVersion(string Name, string Version, string ApiVersion)
{
    /// <summary>As Kubernetes prints it in <c>nodeInfo.containerRuntimeVersion</c>.</summary>
    public override string ToString() => $"{Name}://{Version}";
}
