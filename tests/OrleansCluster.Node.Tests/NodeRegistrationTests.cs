using OrleansCluster.Node.Registration;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class NodeRegistrationTests(NodeCluster cluster)
{
    [Fact]
    public async Task Node_registers_with_capacity_node_info_labels_and_Ready()
    {
        await using var node = await TestNode.StartAsync(cluster, o => o.KubeletPort = 10777);
        var registered = await Eventually.Until(() => cluster.Client.Nodes.GetAsync(node.Name),
            n => n?.Status?.Conditions?.Any(c => c.Type == "Ready") == true, TimeSpan.FromSeconds(20), "node registered");

        var status = registered!.Status;
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Capacity["cpu"].ToString());
        Assert.True(status.Capacity["memory"].ToInt64() > 100L << 20, "memory from /proc/meminfo");
        Assert.Equal("110", status.Capacity["pods"].ToString());
        Assert.Equal(status.Capacity["cpu"].ToString(), status.Allocatable["cpu"].ToString());
        Assert.StartsWith("docker://", status.NodeInfo.ContainerRuntimeVersion, StringComparison.Ordinal);
        Assert.Equal("v1.32.0", status.NodeInfo.KubeletVersion);
        Assert.Equal("linux", status.NodeInfo.OperatingSystem);
        Assert.False(string.IsNullOrEmpty(status.NodeInfo.KernelVersion));
        Assert.Equal(10777, status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.Contains(status.Addresses, a => a.Type == "InternalIP" && a.Address == "127.0.0.1");
        Assert.Contains(status.Addresses, a => a.Type == "Hostname" && a.Address == node.Name);

        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        foreach (var pressure in new[] { "MemoryPressure", "DiskPressure", "PIDPressure" })
        {
            Assert.Equal("False", status.Conditions.Single(c => c.Type == pressure).Status);
        }

        Assert.Equal(node.Name, registered.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", registered.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal(status.NodeInfo.Architecture, registered.Metadata.Labels["kubernetes.io/arch"]);
    }

    [Fact]
    public async Task Lease_is_renewed_and_the_Ready_heartbeat_refreshed()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var first = await Eventually.Until(() => cluster.Client.Leases.GetAsync(node.Name, NodeRegistrar.LeaseNamespace),
            l => l is not null, TimeSpan.FromSeconds(20), "lease created");
        Assert.Equal(node.Name, first!.Spec.HolderIdentity);
        Assert.Equal(40, first.Spec.LeaseDurationSeconds);

        await Eventually.Until(() => cluster.Client.Leases.GetAsync(node.Name, NodeRegistrar.LeaseNamespace),
            l => l!.Spec.RenewTime > first.Spec.RenewTime, TimeSpan.FromSeconds(10), "lease renewed");

        var heartbeat = (await cluster.Client.Nodes.GetAsync(node.Name))!.Status.Conditions.Single(c => c.Type == "Ready");
        var later = await Eventually.Until(() => cluster.Client.Nodes.GetAsync(node.Name),
            n => n!.Status.Conditions.Single(c => c.Type == "Ready").LastHeartbeatTime > heartbeat.LastHeartbeatTime,
            TimeSpan.FromSeconds(10), "Ready heartbeat refreshed");
        Assert.Equal(heartbeat.LastTransitionTime, later!.Status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
    }

    [Fact]
    public async Task A_deleted_Node_registers_again_at_the_next_report()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var first = await Eventually.Until(() => cluster.Client.Nodes.GetAsync(node.Name), n => n?.Status?.NodeInfo is not null,
            TimeSpan.FromSeconds(20), "node registered");

        await cluster.Client.Nodes.DeleteAsync(node.Name);
        var again = await Eventually.Until(() => cluster.Client.Nodes.GetAsync(node.Name),
            n => n is not null && n.Metadata.Uid != first!.Metadata.Uid && n.Status?.Conditions?.Any(c => c.Type == "Ready") == true,
            TimeSpan.FromSeconds(20), "node registered again");
        Assert.Equal(node.Name, again!.Metadata.Labels["kubernetes.io/hostname"]);
    }
}
