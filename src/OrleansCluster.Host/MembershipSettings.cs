namespace OrleansCluster.Host;

/// <summary>
/// How fast the silos notice a dead silo (Orleans <c>ClusterMembershipOptions</c>) and how often the controller keeper
/// checks the singleton grains; section <c>OrleansCluster:Membership</c>, times as <c>hh:mm:ss[.fff]</c>. The defaults
/// declare a SIGKILLed silo dead in about 3 s on two busy cores without false suspicions; the Host README has the measures.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>How long a silo first waits for a probe's answer before counting it missed (Orleans adapts it within ½–4×).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row after which a silo suspects the one it probes and votes it dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Votes that declare a silo dead (1: the first suspicion decides; more is safer on a flaky network).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often a silo re-reads the membership table (besides the updates its peers gossip).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo writes its I-am-alive time to the table (what silos and clients outside probing read).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a death vote counts.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The controller keeper's safety-net period (it also acts at once on each death).</summary>
    public TimeSpan KeepInterval { get; set; } = TimeSpan.FromSeconds(5);
}
