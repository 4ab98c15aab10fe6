using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;

namespace OrleansCluster.Node.Tests;

/// <summary>A node agent started for one test (fast heartbeats and resync), on Docker under a test-unique node name.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly NodeCluster cluster;
    private NodeService? service;

    private TestNode(NodeCluster cluster, string name, NodeOptions options)
    {
        this.cluster = cluster;
        Name = name;
        Options = options;
        Runtime = new DockerRuntime(new DockerRuntimeOptions(name));
    }

    public string Name { get; }

    public NodeOptions Options { get; }

    /// <summary>The node's Docker view (the test's own, separate from the agent's).</summary>
    public DockerRuntime Runtime { get; }

    public NodeService Service => service ?? throw new InvalidOperationException("the agent is stopped");

    public static async Task<TestNode> StartAsync(NodeCluster cluster, Action<NodeOptions>? configure = null)
    {
        var name = NodeCluster.NewNodeName();
        var options = new NodeOptions
        {
            NodeName = name,
            KubeletPort = 10250,
            LeaseRenewInterval = TimeSpan.FromMilliseconds(500),
            StatusReportInterval = TimeSpan.FromSeconds(2),
            ResyncInterval = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        var node = new TestNode(cluster, name, options);
        await node.StartAgentAsync();
        return node;
    }

    /// <summary>Starts a fresh agent process-part (a new runtime instance and service), as after a restart.</summary>
    public async Task StartAgentAsync()
    {
        var runtime = new DockerRuntime(new DockerRuntimeOptions(Name));
        service = new NodeService(cluster.Client, [runtime], cluster.Services.GetRequiredService<NodeRuntimes>(), Options,
            TimeProvider.System, cluster.Services.GetRequiredService<ILoggerFactory>());
        await service.StartAsync(CancellationToken.None);
    }

    public async Task StopAgentAsync()
    {
        if (service is not null)
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
            service = null;
        }
    }

    /// <summary>A pod bound to this node running the test image with <paramref name="containers"/>.</summary>
    public V1Pod Pod(string name, params V1Container[] containers) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PodSpec { NodeName = Name, Containers = containers, TerminationGracePeriodSeconds = 5 },
    };

    public static V1Container Container(string name, string script) => new()
    {
        Name = name,
        Image = NodeCluster.Image,
        ImagePullPolicy = "Never",
        Command = ["sh", "-c", script],
    };

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await cluster.RemoveContainersAsync(Name);
        Runtime.Dispose();
    }
}
