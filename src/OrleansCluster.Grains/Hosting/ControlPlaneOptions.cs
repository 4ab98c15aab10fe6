using OrleansCluster.Core.Defaulting;

namespace OrleansCluster.Grains.Hosting;

/// <summary>Settings of the control plane's store.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>How many revisions of history watchers can resume from; older ones get 410 Expired.</summary>
    public long RetainedRevisions { get; set; } = 100_000;

    /// <summary>How often the revision log is pruned to <see cref="RetainedRevisions"/>.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the silo checks that PostgreSQL answers (its readiness).</summary>
    public TimeSpan StoreProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a store check may take before the store counts as unavailable.</summary>
    public TimeSpan StoreProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each silo's <see cref="ControllerKeeper"/> makes sure the singleton grains run, besides at once when a
    /// silo is declared dead (a safety net for a death it did not see).
    /// </summary>
    public TimeSpan KeepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The toleration seconds stamped on new pods for the not-ready and unreachable taints.</summary>
    public TolerationDefaults Tolerations { get; set; } = TolerationDefaults.Default;

    /// <summary>Namespaces that exist from the start, as in Kubernetes.</summary>
    public IList<string> InitialNamespaces { get; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}
