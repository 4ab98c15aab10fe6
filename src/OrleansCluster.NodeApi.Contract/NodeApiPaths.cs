namespace OrleansCluster.NodeApi;

/// <summary>
/// The node API's URLs, shared by the server and the gateway that calls it. kubelet's own paths
/// (<c>/containerLogs/{ns}/{pod}/{container}</c>, <c>/exec/...</c>) prefixed by the node's name, because one process
/// may serve many (simulated) nodes.
/// </summary>
public static class NodeApiPaths
{
    public const string LogsRoute = "/nodes/{node}/containerLogs/{namespace}/{pod}/{container}";
    public const string ExecRoute = "/nodes/{node}/exec/{namespace}/{pod}/{container}";

    /// <summary>Query parameter naming the pod's uid, so a recreated pod of the same name is not mistaken for the old one.</summary>
    public const string PodUid = "podUID";

    public static string Logs(string node, string ns, string pod, string container) =>
        $"/nodes/{Escape(node)}/containerLogs/{Escape(ns)}/{Escape(pod)}/{Escape(container)}";

    public static string Exec(string node, string ns, string pod, string container) =>
        $"/nodes/{Escape(node)}/exec/{Escape(ns)}/{Escape(pod)}/{Escape(container)}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
