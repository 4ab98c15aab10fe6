using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.InMemory;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class HollowNodeTests(NodeCluster cluster)
{
    [Fact]
    public async Task One_process_hosts_many_simulated_nodes_that_run_and_delete_pods()
    {
        var prefix = $"hollow-{Guid.NewGuid():N}"[..15] + "-";
        var options = new NodeOptions
        {
            HollowNodes = 5,
            HollowPrefix = prefix,
            LeaseRenewInterval = TimeSpan.FromSeconds(1),
            ResyncInterval = TimeSpan.FromSeconds(2),
        };
        var runtimes = NodeHostingExtensions.CreateRuntimes(options, TimeProvider.System);
        Assert.All(runtimes, r => Assert.IsType<InMemoryRuntime>(r));
        Assert.Single(runtimes.Select(r => ((InMemoryRuntime)r).Engine).Distinct());
        var registry = cluster.Services.GetRequiredService<NodeRuntimes>();
        using var service = new NodeService(cluster.Client, runtimes, registry, options, TimeProvider.System,
            cluster.Services.GetRequiredService<ILoggerFactory>());
        await service.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal($"{prefix}0003", options.NodeNames()[2]);
            Assert.NotNull(registry.For($"{prefix}0005"));
            await Eventually.Until(async () => (await cluster.Client.Nodes.ListAsync()).Items.Count(n => n.Metadata.Name.StartsWith(prefix, StringComparison.Ordinal)
                && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true),
                n => n == 5, TimeSpan.FromSeconds(20), "five hollow nodes Ready");

            for (var i = 1; i <= 5; i++)
            {
                await cluster.Client.Pods.CreateAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = $"{prefix}pod-{i}", NamespaceProperty = "default" },
                    Spec = new V1PodSpec { NodeName = $"{prefix}{i:D4}", Containers = [new V1Container { Name = "app", Image = "example/app:1" }] },
                });
            }

            await Eventually.Until(async () => (await cluster.Client.Pods.ListAsync("default")).Items.Count(p =>
                p.Metadata.Name.StartsWith(prefix, StringComparison.Ordinal) && p.Status?.Phase == "Running" && p.Status.PodIP is not null),
                n => n == 5, TimeSpan.FromSeconds(20), "pods running on hollow nodes");
            Assert.Single(await registry.For($"{prefix}0002")!.ListContainersAsync());

            await cluster.Client.Pods.DeleteAsync($"{prefix}pod-2", "default");
            await cluster.PodAsync($"{prefix}pod-2", p => p is null);
            Assert.Empty(await registry.For($"{prefix}0002")!.ListContainersAsync());
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Null(registry.For($"{prefix}0001"));
    }
}
