using System.Net.Http.Headers;
using OrleansCluster.Runtime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.NodeApi.Tests;

/// <summary>A node API on a free loopback port serving one runtime, its token in a throwaway PKI folder, and clients for it.</summary>
public sealed class NodeApiHarness : IAsyncDisposable
{
    private readonly string pki = Path.Combine(Path.GetTempPath(), $"oc-nodeapi-{Guid.NewGuid():N}");
    private readonly NodeApiServer server;

    private NodeApiHarness(IContainerRuntime runtime, TimeProvider? time)
    {
        Port = FreePorts.Next();
        var runtimes = new NodeRuntimes();
        runtimes.Add(runtime);
        NodeName = runtime.NodeName;
        server = new NodeApiServer(new NodeApiOptions { Port = Port, PkiDirectory = pki }, runtimes, time);
    }

    public int Port { get; }

    public string NodeName { get; }

    public string Token { get; private set; } = "";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<NodeApiHarness> StartAsync(IContainerRuntime runtime, TimeProvider? time = null)
    {
        var harness = new NodeApiHarness(runtime, time);
        await harness.server.StartAsync(CancellationToken.None);
        harness.Token = NodeApiToken.LoadOrCreate(harness.pki);
        harness.Http.BaseAddress = new Uri($"http://127.0.0.1:{harness.Port}");
        harness.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", harness.Token);
        return harness;
    }

    public string LogsPath(PodRef pod, string container, string query = "") =>
        NodeApiPaths.Logs(NodeName, pod.Namespace, pod.Name, container) + "?" + query;

    public ExecClient Exec(PodRef pod, string container) =>
        new(new Uri($"ws://127.0.0.1:{Port}{NodeApiPaths.Exec(NodeName, pod.Namespace, pod.Name, container)}"), Token);

    public Task StopServerAsync() => server.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();
        if (Directory.Exists(pki))
        {
            Directory.Delete(pki, recursive: true);
        }
    }
}
