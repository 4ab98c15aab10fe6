using k8s.Models;
using OrleansCluster.Core.NodeAgent;

namespace OrleansCluster.Core.Tests.NodeAgent;

public sealed class PodResolverTests
{
    private static V1Pod Pod(string? policy = null, V1PodDNSConfig? config = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team-a" },
        Spec = new V1PodSpec { DnsPolicy = policy, DnsConfig = config, Containers = [] },
    };

    [Theory]
    [InlineData(null)]
    [InlineData("ClusterFirst")]
    [InlineData("ClusterFirstWithHostNet")]
    [InlineData("Default")]
    public void Every_policy_but_None_gets_the_clusters_search_path_and_never_the_hosts_resolvers(string? policy)
    {
        var config = PodResolver.For(Pod(policy), clusterServers: ["10.96.0.10"]);

        Assert.Equal(["10.96.0.10"], config.Nameservers);
        Assert.Equal(["team-a.svc.cluster.local", "svc.cluster.local", "cluster.local"], config.Searches);
        Assert.Equal(["ndots:5"], config.Options);
    }

    [Fact]
    public void Without_cluster_DNS_the_resolver_is_the_pods_own_loopback()
    {
        Assert.Equal(["127.0.0.1"], PodResolver.For(Pod(), clusterServers: []).Nameservers);
    }

    [Fact]
    public void DnsConfig_is_merged_as_kubelet_does_servers_and_searches_appended_options_overridden_by_name()
    {
        var config = PodResolver.For(Pod(config: new V1PodDNSConfig
        {
            Nameservers = ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
            Searches = ["corp.example", "cluster.local"],
            Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }, new V1PodDNSConfigOption { Name = "edns0" }],
        }), clusterServers: ["10.96.0.10"]);

        Assert.Equal(["10.96.0.10", "10.0.0.1", "10.0.0.2"], config.Nameservers);
        Assert.Equal(["team-a.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"], config.Searches);
        Assert.Equal(["ndots:2", "edns0"], config.Options);
    }

    [Fact]
    public void Policy_None_takes_only_the_pods_own_config()
    {
        var config = PodResolver.For(Pod("None", new V1PodDNSConfig { Nameservers = ["192.0.2.53"], Searches = ["example.test"] }), ["10.96.0.10"]);

        Assert.Equal(["192.0.2.53"], config.Nameservers);
        Assert.Equal(["example.test"], config.Searches);
        Assert.Empty(config.Options);
    }
}
