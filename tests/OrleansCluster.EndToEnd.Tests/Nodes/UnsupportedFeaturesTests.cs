using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Nodes;

/// <summary>
/// What the node agent does not carry out yet is shown to the user, never silently skipped: a container that needs a
/// Secret (none exist here yet) or a volume waits with <c>CreateContainerConfigError</c> and runs nothing; a probe the
/// agent does not run is a warning event on a pod that does run.
/// </summary>
[Collection(NodeCluster.Collection)]
public sealed class UnsupportedFeaturesTests(NodeCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A pod of one sleeping container; <paramref name="podFields"/> and <paramref name="containerFields"/> are YAML lines added to its spec and its container.</summary>
    private static string Manifest(string name, string podFields, string containerFields) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}}
        spec:
          terminationGracePeriodSeconds: 0
          {{podFields}}
          containers:
          - name: app
            image: orleanscluster/busybox:local
            imagePullPolicy: Never
            command: ["sleep", "3600"]
            {{containerFields}}
        """;

    private static readonly string NeedsSecret = Manifest("needs-secret", "",
        "env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db-credentials, key: password}}}]");

    private static readonly string NeedsVolume = Manifest("needs-volume", "volumes: [{name: scratch, emptyDir: {}}]",
        "volumeMounts: [{name: scratch, mountPath: /data}]");

    private static readonly string WithProbe = Manifest("with-probe", "", "readinessProbe: {exec: {command: [\"false\"]}}");

    public static TheoryData<string, string, string> Blocked => new()
    {
        { "needs-secret", NeedsSecret, "secret \"db-credentials\" not found" },
        { "needs-volume", NeedsVolume, "volume \"scratch\" (emptyDir) mounted at /data: volumes are not supported by this cluster yet" },
    };

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_container_needing_what_the_cluster_cannot_give_waits_with_the_reason_and_never_runs(string name, string manifest, string message)
    {
        var kubectl = cluster.Kubectl;
        (await kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).Ok();
        try
        {
            var status = await Eventually.Until(
                async () => (await kubectl.RunAsync("get", "pod", name, "--no-headers")).Output,
                o => o.Contains("CreateContainerConfigError", StringComparison.Ordinal), Patience, $"{name} waiting");
            Assert.Equal([name, "0/1", "CreateContainerConfigError"], status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3]);
            var waiting = (await kubectl.RunAsync("get", "pod", name, "-o", "jsonpath={.status.containerStatuses[0].state.waiting.message}")).Ok();
            Assert.Equal(message, waiting);
            var describe = await Eventually.Until(async () => (await kubectl.RunAsync("describe", "pod", name)).Ok(),
                d => d.Contains("Error: ", StringComparison.Ordinal), Patience, $"{name}'s error event");
            Assert.Contains($"Error: {message}", describe, StringComparison.Ordinal);

            using var runtime = new DockerRuntime(new DockerRuntimeOptions(cluster.NodeName));
            Assert.Empty(await runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = name }));
        }
        finally
        {
            await kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "delete", "pod", name, "--wait=true");
        }
    }

    [Fact]
    public async Task A_probe_the_agent_does_not_run_is_a_warning_event_on_the_running_pod()
    {
        var kubectl = cluster.Kubectl;
        (await kubectl.RunAsync(WithProbe, TimeSpan.FromSeconds(60), "apply", "-f", "-")).Ok();
        try
        {
            (await kubectl.RunAsync(null, TimeSpan.FromSeconds(90), "wait", "--for=jsonpath={.status.phase}=Running", "pod/with-probe", "--timeout=60s")).Ok();
            var describe = await Eventually.Until(async () => (await kubectl.RunAsync("describe", "pod", "with-probe")).Ok(),
                d => d.Contains("Unsupported", StringComparison.Ordinal), Patience, "the warning event");
            Assert.Matches(@"Warning\s+Unsupported\s+.*kubelet\s+container app: readinessProbe is not run: the container counts as ready once it has started", describe);
        }
        finally
        {
            await kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "delete", "pod", "with-probe", "--wait=true");
        }
    }
}
