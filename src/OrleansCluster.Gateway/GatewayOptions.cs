namespace OrleansCluster.Gateway;

/// <summary>Settings of the Kubernetes API gateway (configuration section <c>OrleansCluster:Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>HTTPS port of the API on 127.0.0.1 (kubectl's server).</summary>
    public int Port { get; set; } = 6443;

    /// <summary>Address to serve on; loopback unless told otherwise.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Plain-HTTP port of the API, only when asked for, and only on loopback. 0: none.</summary>
    public int InsecurePort { get; set; }

    /// <summary>Folder of the cluster CA, the serving certificate and the admin token (shared by the silos of one machine).</summary>
    public string PkiDirectory { get; set; } = ".cluster/pki";

    /// <summary>How many watches one client may hold open at once.</summary>
    public int MaxWatchesPerClient { get; set; } = 200;
}
