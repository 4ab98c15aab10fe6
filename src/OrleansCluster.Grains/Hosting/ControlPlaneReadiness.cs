namespace OrleansCluster.Grains.Hosting;

/// <summary>Whether this silo's control plane has finished starting (its initial namespaces exist).</summary>
public sealed class ControlPlaneReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    internal void MarkReady() => ready = true;
}
