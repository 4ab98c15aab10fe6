namespace OrleansCluster.Node;

/// <summary>
/// The node role of a process (configuration section <c>OrleansCluster:Node</c>): which nodes it hosts, on which
/// runtime, and how often it reports. One real node on Docker, or <see cref="HollowNodes"/> simulated ones.
/// </summary>
public sealed class NodeOptions
{
    public const string DockerRuntime = "docker";
    public const string InMemoryRuntime = "in-memory";

    /// <summary>The node's name (the Node object and <c>spec.nodeName</c>); defaults to the machine name, lower case.</summary>
    public string? NodeName { get; set; }

    /// <summary><see cref="DockerRuntime"/> or <see cref="InMemoryRuntime"/>.</summary>
    public string Runtime { get; set; } = DockerRuntime;

    /// <summary>When above zero, the process hosts this many simulated nodes (<c>hollow-0001</c>...) on the in-memory runtime instead.</summary>
    public int HollowNodes { get; set; }

    public string HollowPrefix { get; set; } = "hollow-";

    /// <summary>The node's InternalIP (the silo's address).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Published as <c>status.daemonEndpoints.kubeletEndpoint.Port</c>: where the node's HTTP API (logs, exec) listens.</summary>
    public int KubeletPort { get; set; } = 10250;

    /// <summary>Docker's endpoint; null for the local socket.</summary>
    public string? DockerEndpoint { get; set; }

    public int MaxPods { get; set; } = 110;

    /// <summary>
    /// How often the node's Lease in <c>kube-node-lease</c> is renewed (kubelet: 10 s). The node lifecycle controller
    /// reports a node Unknown after <c>Controllers:NodeMonitorGracePeriod</c> (8 s) without a renewal: keep that
    /// several renewals long.
    /// </summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int LeaseDurationSeconds { get; set; } = 40;

    /// <summary>How often the Ready condition's heartbeat is refreshed when nothing changed (kubelet: 1 min).</summary>
    public TimeSpan StatusReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often every pod of the node is looked at again and orphans are swept, even without a change.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a real node lists its containers to notice exits (kubelet's PLEG relist: 1 s). Hollow
    /// nodes skip it (their simulated processes change only through the engine's API) and rely on the resync.</summary>
    public TimeSpan RelistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pods worked on at once (one pass per pod at a time). A pass stopping a pod holds its worker for the
    /// grace period, so this is well above the engine's useful concurrency (about 4 starts in flight).</summary>
    public int MaxParallelPods { get; set; } = 16;

    /// <summary>The names of the nodes this process hosts.</summary>
    public IReadOnlyList<string> NodeNames() => HollowNodes > 0
        ? Enumerable.Range(1, HollowNodes).Select(i => $"{HollowPrefix}{i:D4}").ToList()
        : [NodeName ?? Environment.MachineName.ToLowerInvariant()];
}
