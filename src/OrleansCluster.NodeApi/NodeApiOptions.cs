namespace OrleansCluster.NodeApi;

/// <summary>Settings of the node's HTTP API (kubelet's server role): where it listens and where its token lives.</summary>
public sealed class NodeApiOptions
{
    /// <summary>The loopback port (the Node's <c>status.daemonEndpoints.kubeletEndpoint.Port</c>); 10250 as kubelet's.</summary>
    public int Port { get; set; } = 10250;

    /// <summary>The folder holding <c>kubelet.token</c>, shared with the gateway (its PKI directory).</summary>
    public string PkiDirectory { get; set; } = ".cluster/pki";
}
