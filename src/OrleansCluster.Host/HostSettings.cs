namespace OrleansCluster.Host;

/// <summary>
/// What one silo process is, from configuration section <c>OrleansCluster</c> (appsettings, environment
/// variables such as <c>OrleansCluster__SiloPort</c>, or <c>--OrleansCluster:SiloPort=...</c> arguments).
/// </summary>
public sealed class HostSettings
{
    public const string Section = "OrleansCluster";

    /// <summary>PostgreSQL: membership, reminders, grain state and the API objects.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Roles of this silo: <c>control-plane</c> (every silo, implied), <c>gateway</c> (when none is given) and <c>node</c>.</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>
    /// The Kubernetes API (role <c>gateway</c>): port, PKI folder, limits. Every silo uses the PKI folder (the
    /// cluster CA for Orleans TLS, the node API's token), whatever its roles.
    /// </summary>
    public OrleansCluster.Gateway.GatewayOptions Gateway { get; set; } = new();

    /// <summary>The node agent (role <c>node</c>): node name, runtime, hollow nodes, the kubelet port it publishes.</summary>
    public OrleansCluster.Node.NodeOptions Node { get; set; } = new();

    /// <summary>The scheduler (role <c>control-plane</c>): on by default; <c>--OrleansCluster:Scheduler:Enabled=false</c> turns it off.</summary>
    public OrleansCluster.Grains.Scheduling.SchedulerOptions Scheduler { get; set; } = new();

    /// <summary>The controllers (role <c>control-plane</c>): slices, workers, the node lifecycle's grace periods.</summary>
    public OrleansCluster.Controllers.ControllerOptions Controllers { get; set; } = new();
    /// <summary>Failure detection: how fast a dead silo is declared dead and its singleton grains move.</summary>
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>
    /// <c>tolerationSeconds</c> of the <c>node.kubernetes.io/not-ready:NoExecute</c> toleration added to every new
    /// pod that has none for that taint (Kubernetes' <c>--default-not-ready-toleration-seconds</c>, 300 there).
    /// </summary>
    public long DefaultNotReadyTolerationSeconds { get; set; } = OrleansCluster.Core.Defaulting.TolerationDefaults.DefaultSeconds;

    /// <summary>The same for <c>node.kubernetes.io/unreachable</c> (Kubernetes' <c>--default-unreachable-toleration-seconds</c>).</summary>
    public long DefaultUnreachableTolerationSeconds { get; set; } = OrleansCluster.Core.Defaulting.TolerationDefaults.DefaultSeconds;

    /// <summary>Unique within the cluster; defaults to the machine name and silo port.</summary>
    public string? SiloName { get; set; }

    public string ClusterId { get; set; } = "orleanscluster";

    public string ServiceId { get; set; } = "orleanscluster";

    /// <summary>Silo-to-silo port, on 127.0.0.1 unless <see cref="Address"/> says otherwise.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (the client library) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Port of the health endpoints (<c>/healthz</c>, <c>/readyz</c>).</summary>
    public int HttpPort { get; set; } = 8079;

    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// Serves the Orleans ports (<see cref="SiloPort"/>, <see cref="GatewayPort"/>) without TLS. Insecure: any
    /// process that can reach them then joins the cluster or reads and writes every object, bypassing the API's
    /// token. Off by default: silos and clients use mutual TLS with certificates from the cluster CA in
    /// <c>Gateway:PkiDirectory</c>.
    /// </summary>
    public bool InsecureOrleansWithoutTls { get; set; }

    /// <summary>Apply the database migrations at start (safe when several silos start at once).</summary>
    public bool Migrate { get; set; } = true;

    /// <summary>
    /// Whether this silo plays <paramref name="role"/>. Every silo is part of the control plane, listed or not: Orleans
    /// may place any object grain on any silo, so each must be able to store objects (a node-only silo once failed
    /// every object call placed on it). With no roles listed a silo is also a gateway.
    /// </summary>
    public bool Has(string role) => role == "control-plane" || (Roles.Count == 0
        ? role == "gateway"
        : Roles.Contains(role, StringComparer.OrdinalIgnoreCase));
}
