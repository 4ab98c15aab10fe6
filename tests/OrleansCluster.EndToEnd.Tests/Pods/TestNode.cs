using k8s;
using k8s.Models;
using OrleansCluster.NodeApi;
using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Pods;

/// <summary>
/// Stands in for a node agent (built elsewhere): a Node object whose kubelet endpoint is this test's node API, and
/// pods whose containers the test starts itself in Docker, labelled with the pod's uid, namespace and name as the
/// agent would. Everything the node ran in Docker is removed at the end.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string Image = "orleanscluster/busybox:local";
    private readonly NodeApiServer server;

    private TestNode(GatewayCluster cluster, string name)
    {
        Name = name;
        Port = FreePorts.Next();
        Runtime = new DockerRuntime(new DockerRuntimeOptions(name));
        var runtimes = new NodeRuntimes();
        runtimes.Add(Runtime);
        // The gateway's PKI folder, where it keeps kubelet.token: the node API shares it as a node silo on this machine would.
        var pki = Path.GetDirectoryName(cluster.KubeconfigPath)!;
        server = new NodeApiServer(new NodeApiOptions { Port = Port, PkiDirectory = pki }, runtimes);
        Api = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
    }

    public string Name { get; }

    public int Port { get; }

    public DockerRuntime Runtime { get; }

    public Kubernetes Api { get; }

    public static async Task<TestNode> StartAsync(GatewayCluster cluster)
    {
        var node = new TestNode(cluster, $"e2e-node-{Guid.NewGuid():N}"[..24]);
        await node.server.StartAsync(CancellationToken.None);
        await node.Api.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = node.Name } });
        var created = await node.Api.CoreV1.ReadNodeAsync(node.Name);
        created.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Address = "127.0.0.1", Type = "InternalIP" }, new V1NodeAddress { Address = node.Name, Type = "Hostname" }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = node.Port } },
        };
        await node.Api.CoreV1.ReplaceNodeStatusAsync(created, node.Name);
        return node;
    }

    /// <summary>A pod bound to this node, its containers running the given shell scripts (attempt 0).</summary>
    public async Task<(V1Pod Pod, PodSandbox Sandbox)> RunPodAsync(string name, params (string Container, string Script)[] containers)
    {
        var pod = await Api.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                NodeName = Name,
                Containers = containers.Select(c => new V1Container { Name = c.Container, Image = Image, ImagePullPolicy = "Never" }).ToList(),
            },
        }, "default");
        var sandbox = await Runtime.RunSandboxAsync(new SandboxSpec(Ref(pod)) { Network = SandboxNetwork.None });
        foreach (var (container, script) in containers)
        {
            await StartContainerAsync(sandbox, container, script, attempt: 0);
        }

        return (pod, sandbox);
    }

    public async Task<string> StartContainerAsync(PodSandbox sandbox, string container, string script, int attempt)
    {
        var id = await Runtime.CreateContainerAsync(sandbox, new ContainerSpec(container, Image) { Command = ["sh", "-c", script], Attempt = attempt });
        await Runtime.StartContainerAsync(id);
        return id;
    }

    /// <summary>The node API goes away (the node's process died); its Node object stays.</summary>
    public Task StopApiAsync() => server.StopAsync(CancellationToken.None);

    public static PodRef Ref(V1Pod pod) => new(pod.Namespace(), pod.Name(), pod.Uid());

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();
        foreach (var container in await Runtime.ListContainersAsync()) await Runtime.RemoveContainerAsync(container.Id);
        foreach (var sandbox in await Runtime.ListSandboxesAsync()) await Runtime.RemoveSandboxAsync(sandbox.Id);
        Runtime.Dispose();
        Api.Dispose();
    }
}
