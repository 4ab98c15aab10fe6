using System.Diagnostics;
using k8s.Models;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// A control-plane silo and a node silo running real containers; the node silo is SIGKILLed. Its lease stops, so the
/// node lifecycle controller reports it Unknown, taints it unreachable and evicts its pods as their tolerations allow.
/// </summary>
public sealed class KillNodeSiloTests(ITestOutputHelper output)
{
    private const string Unreachable = "node.kubernetes.io/unreachable";
    private const int TolerationSeconds = 5;
    private const int ConfiguredDefaultSeconds = 300;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The controller's own grace (8 s) plus how long its slice may take to come back if it lived on the killed silo:
    /// the slice grain's reminder (1 min) reactivates it on a survivor.
    /// </summary>
    private static readonly TimeSpan UnknownWithin = TimeSpan.FromSeconds(8 + 60 + 15);

    [Fact]
    public async Task A_SIGKILLed_node_turns_Unknown_is_tainted_and_its_pods_are_evicted_as_their_tolerations_allow()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var nodeName = $"dead-{run}";
        await using var cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(KillNodeSiloTests));
        try
        {
            // A long configured default (Kubernetes' own, 300 s) so that the pod without a toleration of its own stays. Every
            // silo serves objects, so every silo is given it.
            var longDefault = $"--OrleansCluster:DefaultUnreachableTolerationSeconds={ConfiguredDefaultSeconds}";
            await cluster.StartSiloAsync("control-plane", "--OrleansCluster:Roles:0=control-plane", longDefault);
            var node = await cluster.StartSiloAsync(nodeName,
                "--OrleansCluster:Roles:0=node", $"--OrleansCluster:Node:NodeName={nodeName}", $"--OrleansCluster:Node:KubeletPort={FreePorts.Next()}", longDefault);
            var api = (await cluster.ConnectClientAsync()).Api;
            await Eventually.True(async () => (await api.Nodes.GetAsync(nodeName))?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
                Patience, $"node {nodeName} Ready");
            await api.Pods.CreateAsync(Pod("intolerant", tolerationSeconds: 0));
            await api.Pods.CreateAsync(Pod("tolerant", TolerationSeconds));
            await api.Pods.CreateAsync(Pod("default-toleration", tolerationSeconds: null));
            foreach (var name in new[] { "intolerant", "tolerant", "default-toleration" })
            {
                await Eventually.True(async () => (await api.Pods.GetAsync(name, "default"))?.Status?.Phase == "Running", Patience, $"pod {name} Running");
            }

            var clock = Stopwatch.StartNew();
            node.Kill();

            var unknown = await Eventually.Until(() => Read(() => api.Nodes.GetAsync(nodeName)),
                n => n?.Spec?.Taints?.Any(t => t.Key == Unreachable && t.Effect == "NoExecute") == true, UnknownWithin, "the dead node tainted unreachable");
            output.WriteLine($"node Unknown and tainted {clock.Elapsed.TotalSeconds:F1} s after the SIGKILL");
            Assert.Equal(("Unknown", "NodeStatusUnknown"), unknown!.Status.Conditions.Where(c => c.Type == "Ready").Select(c => (c.Status, c.Reason)).Single());
            var tainted = unknown.Spec.Taints.Single(t => t.Key == Unreachable && t.Effect == "NoExecute").TimeAdded!.Value;

            var intolerant = await Eventually.Until(() => Read(() => api.Pods.GetAsync("intolerant", "default")),
                p => p?.Metadata.DeletionTimestamp is not null, TimeSpan.FromSeconds(10), "the intolerant pod evicted");
            var tolerant = await Eventually.Until(() => Read(() => api.Pods.GetAsync("tolerant", "default")),
                p => p?.Metadata.DeletionTimestamp is not null, TimeSpan.FromSeconds(TolerationSeconds + 10), $"the pod tolerating {TolerationSeconds} s evicted");
            output.WriteLine($"evicted {EvictedAt(intolerant!) - tainted} and {EvictedAt(tolerant!) - tainted} after the taint");
            Assert.InRange(EvictedAt(intolerant!) - tainted, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(3));
            Assert.InRange(EvictedAt(tolerant!) - tainted, TimeSpan.FromSeconds(TolerationSeconds), TimeSpan.FromSeconds(TolerationSeconds + 3));

            // The configured default toleration (300 s here) keeps the third pod on the node, marked not ready, for now.
            var kept = await Eventually.Until(() => Read(() => api.Pods.GetAsync("default-toleration", "default")),
                p => p?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "False") == true, TimeSpan.FromSeconds(10), "the third pod not ready");
            Assert.Null(kept!.Metadata.DeletionTimestamp);
            Assert.Equal(ConfiguredDefaultSeconds, kept.Spec.Tolerations.Single(t => t.Key == Unreachable).TolerationSeconds);
        }
        finally
        {
            // The killed node never stopped its containers.
            using var runtime = new DockerRuntime(new DockerRuntimeOptions(nodeName));
            foreach (var container in await runtime.ListContainersAsync())
            {
                await runtime.RemoveContainerAsync(container.Id);
            }

            foreach (var sandbox in await runtime.ListSandboxesAsync())
            {
                await runtime.RemoveSandboxAsync(sandbox.Id);
            }
        }
    }

    /// <summary>
    /// A read that may land on the killed silo (the client's gateway, or an object grain it hosted) while membership
    /// notices: a failure then is "not yet", and the deadline of the wait still bounds it.
    /// </summary>
    private static async Task<T?> Read<T>(Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    /// <summary>When the pod was evicted: its deletion timestamp less the grace period it was deleted with.</summary>
    private static DateTime EvictedAt(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp!.Value.AddSeconds(-(pod.Metadata.DeletionGracePeriodSeconds ?? 0));

    /// <summary>A pod tolerating unreachable for <paramref name="tolerationSeconds"/>; null takes the configured default.</summary>
    private static V1Pod Pod(string name, long? tolerationSeconds) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Tolerations = tolerationSeconds is null ? null
                : [new V1Toleration { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = tolerationSeconds }],
            Containers = [Manifests.UntilTerm()],
        },
    };
}
