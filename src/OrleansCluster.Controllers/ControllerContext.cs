using Microsoft.Extensions.Logging;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.ControllerRuntime;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.Controllers;

/// <summary>What every controller of a process shares: the informers, the typed API, the clock and the logs.</summary>
public sealed class ControllerContext(
    SharedInformers informers, IClusterClient cluster, TimeProvider time, ILoggerFactory loggers, ControllerOptions options)
{
    public SharedInformers Informers { get; } = informers;

    public IClusterClient Cluster { get; } = cluster;

    public OrleansClusterClient Api { get; } = new(cluster);

    public TimeProvider Time { get; } = time;

    public ILoggerFactory Loggers { get; } = loggers;

    public ControllerOptions Options { get; } = options;

    /// <summary>The event recorder of a component (<c>replicaset-controller</c>, …).</summary>
    public EventRecorder Events(string component) => new(Api, component, time: Time);

    public WorkQueueOptions Queue => new() { Parallelism = Options.Workers };
}

/// <summary>
/// How the controllers run (host section <c>OrleansCluster:Controllers</c>): into how many slices each sharded controller
/// is cut, passes at once per slice, and the node lifecycle controller's grace periods.
/// </summary>
public sealed record ControllerOptions
{
    /// <summary>Slices of each namespaced controller; each is a grain that can live on any silo.</summary>
    public int Shards { get; init; } = 4;

    public int Workers { get; init; } = 4;

    /// <summary>Controllers not to run, by name (kube-controller-manager's <c>--controllers=*,-name</c>).</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();
    /// <summary>
    /// How long a node may go without renewing its lease or posting its Ready heartbeat before it is reported Unknown
    /// and tainted unreachable (Kubernetes' <c>--node-monitor-grace-period</c>, 50 s there). Keep it several times the
    /// node agent's <c>Node:LeaseRenewInterval</c> (2 s): 8 s is four missed renewals.
    /// </summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a node that never reported may go from its creation (<c>--node-startup-grace-period</c>, 1 min).</summary>
    public TimeSpan NodeStartupGracePeriod { get; init; } = TimeSpan.FromMinutes(1);
}
