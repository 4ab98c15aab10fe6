namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// Whether this silo's control plane can serve: it has finished starting (its initial namespaces exist) and its
/// <see cref="StoreProbe"/> last reached PostgreSQL.
/// </summary>
public sealed class ControlPlaneReadiness
{
    private volatile bool started;
    private volatile bool storeReachable = true;

    public bool IsReady => started && storeReachable;

    /// <summary>Why the silo is not ready (<c>starting</c>, <c>store unavailable</c>), or <c>ok</c>.</summary>
    public string Status => !started ? "starting" : storeReachable ? "ok" : "store unavailable";

    internal void MarkReady() => started = true;

    internal void MarkStoreReachable(bool reachable) => storeReachable = reachable;
}
