using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Nodes;

/// <summary>A pod never gets the host's resolvers: a lookup in a pod cannot leave the machine.</summary>
[Collection(NodeCluster.Collection)]
public sealed class PodDnsTests(NodeCluster cluster)
{
    [Fact]
    public async Task A_pods_resolv_conf_has_the_cluster_search_path_and_none_of_the_hosts_name_servers()
    {
        var kubectl = cluster.Kubectl;
        (await kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "run", "resolver", "--image=orleanscluster/busybox:local",
            "--image-pull-policy=Never", "--restart=Never", "--", "sleep", "3600")).Ok();
        try
        {
            (await kubectl.RunAsync(null, TimeSpan.FromSeconds(90), "wait", "--for=condition=Ready", "pod/resolver", "--timeout=60s")).Ok();
            var resolvConf = (await kubectl.RunAsync("exec", "resolver", "--", "cat", "/etc/resolv.conf")).Ok();
            var lines = resolvConf.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => !l.StartsWith('#')).ToList();

            Assert.Equal(["nameserver 127.0.0.1"], lines.Where(l => l.StartsWith("nameserver", StringComparison.Ordinal)));
            Assert.Contains("search default.svc.cluster.local svc.cluster.local cluster.local", lines);
            Assert.Contains("options ndots:5", lines);
            foreach (var hostServer in File.ReadAllLines("/etc/resolv.conf").Where(l => l.StartsWith("nameserver", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(hostServer.Trim(), lines);
            }

            // A lookup fails at once inside the pod rather than asking anything outside.
            var lookup = await kubectl.RunAsync(null, TimeSpan.FromSeconds(30), "exec", "resolver", "--", "nslookup", "example.com");
            Assert.NotEqual(0, lookup.ExitCode);
            Assert.Contains("127.0.0.1", lookup.Output + lookup.Error, StringComparison.Ordinal);
        }
        finally
        {
            await kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "delete", "pod", "resolver", "--grace-period=0", "--wait=true");
        }
    }
}
