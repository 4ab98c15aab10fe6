using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCluster.Grains.Hosting;

namespace OrleansCluster.EndToEnd.Tests.Settings;

/// <summary>A silo started with failure-detection and toleration settings on its command line, as an operator would.</summary>
public sealed class TunedCluster : HostedCluster
{
    protected override IEnumerable<string> RoleArguments() =>
    [
        "--OrleansCluster:Scheduler:Enabled=false",
        "--OrleansCluster:Membership:ProbeTimeout=00:00:01.500",
        "--OrleansCluster:Membership:NumMissedProbesLimit=3",
        "--OrleansCluster:Membership:NumVotesForDeathDeclaration=2",
        "--OrleansCluster:Membership:KeepInterval=00:00:02",
        "--OrleansCluster:DefaultUnreachableTolerationSeconds=42",
    ];
}

public sealed class FailoverSettingsTests(TunedCluster cluster) : IClassFixture<TunedCluster>
{
    [Fact]
    public void Membership_settings_from_the_command_line_reach_the_silo_and_the_rest_keep_their_defaults()
    {
        var membership = cluster.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var controlPlane = cluster.Services.GetRequiredService<IOptions<ControlPlaneOptions>>().Value;

        Assert.Equal(TimeSpan.FromMilliseconds(1500), membership.ProbeTimeout);
        Assert.Equal(3, membership.NumMissedProbesLimit);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(2), controlPlane.KeepInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), membership.IAmAliveTablePublishTimeout);
    }

    [Fact]
    public async Task A_new_pod_gets_the_configured_unreachable_toleration_and_the_short_default_for_not_ready()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: tolerations}
            spec:
              containers: [{name: app, image: busybox:1.36}]
            """;
        (await cluster.Kubectl.RunAsync(pod, TimeSpan.FromSeconds(60), "create", "-n", "default", "-f", "-")).Ok();

        var tolerations = (await cluster.Kubectl.RunAsync("get", "pod", "tolerations", "-n", "default", "-o",
            "jsonpath={range .spec.tolerations[*]}{.key}={.tolerationSeconds};{end}")).Ok();

        Assert.Equal("node.kubernetes.io/not-ready=5;node.kubernetes.io/unreachable=42;", tolerations);
    }
}
