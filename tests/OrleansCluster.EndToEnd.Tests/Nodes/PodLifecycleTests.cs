using OrleansCluster.Runtime;
using OrleansCluster.Runtime.Docker;

namespace OrleansCluster.EndToEnd.Tests.Nodes;

/// <summary>
/// The issue's user story with the real kubectl against a cluster whose node runs real Docker containers:
/// apply a pod, see it scheduled and Running with its node and IP, read its logs, exec into it, describe its events,
/// delete it and see its containers go.
/// </summary>
[Collection(NodeCluster.Collection)]
public sealed class PodLifecycleTests(NodeCluster cluster)
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: hello
          labels:
            app: hello
        spec:
          terminationGracePeriodSeconds: 5
          containers:
          - name: main
            image: orleanscluster/busybox:local
            imagePullPolicy: IfNotPresent
            command: ["/bin/sh", "-c", "trap 'echo bye; exit 0' TERM; echo hello from $MY_POD on $MY_NODE; while true; do sleep 1; done"]
            env:
            - name: MY_POD
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
            - name: MY_NODE
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
            resources:
              limits: {memory: 64Mi, cpu: 250m}
        """;

    [Fact]
    public async Task A_pod_applied_with_kubectl_runs_in_docker_shows_logs_exec_and_events_and_goes_when_deleted()
    {
        var kubectl = cluster.Kubectl;
        Assert.Equal("pod/hello created\n", (await kubectl.RunAsync(Manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).Ok());
        (await kubectl.RunAsync(null, TimeSpan.FromSeconds(90), "wait", "--for=condition=Ready", "pod/hello", "--timeout=60s")).Ok();

        var wide = (await kubectl.RunAsync("get", "pod", "hello", "-o", "wide", "--no-headers")).Ok();
        var columns = wide.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["hello", "1/1", "Running", "0"], columns[..4]);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", columns[5]);
        Assert.Equal(cluster.NodeName, columns[6]);

        var logs = await Eventually(async () => (await kubectl.RunAsync("logs", "hello")).Output, o => o.Length > 0);
        Assert.Equal($"hello from hello on {cluster.NodeName}\n", logs);
        Assert.Equal("hello\n", (await kubectl.RunAsync("exec", "hello", "--", "sh", "-c", "echo $MY_POD")).Ok());
        var failing = await kubectl.RunAsync("exec", "hello", "--", "sh", "-c", "exit 7");
        Assert.Equal(7, failing.ExitCode);

        var describe = await Eventually(
            async () => (await kubectl.RunAsync("describe", "pod", "hello")).Ok(),
            d => d.Contains("Started", StringComparison.Ordinal));
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default/hello to " + cluster.NodeName, describe);
        Assert.Matches(@"Normal\s+Pulled\s+.*kubelet\s+Container image ""orleanscluster/busybox:local"" already present on machine", describe);
        Assert.Matches(@"Normal\s+Created\s+.*kubelet\s+Created container( main|: main)", describe);
        Assert.Matches(@"Normal\s+Started\s+.*kubelet\s+Started container( main|: main)", describe);
        Assert.Matches(@"Node:\s+" + cluster.NodeName + "/", describe);

        using var runtime = new DockerRuntime(new DockerRuntimeOptions(cluster.NodeName));
        var containers = await runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "hello" });
        var container = Assert.Single(containers);
        var inspected = await runtime.InspectContainerAsync(container.Id);
        Assert.Equal(ContainerState.Running, inspected!.State);

        // kubectl delete waits until the object is gone, which the node allows once the containers are stopped and removed.
        Assert.Equal("pod \"hello\" deleted\n", (await kubectl.RunAsync(null, TimeSpan.FromSeconds(60), "delete", "pod", "hello")).Ok());
        Assert.Empty(await runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "hello" }));
        Assert.Empty(await runtime.ListSandboxesAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "hello" }));
        var events = (await kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=hello")).Ok();
        Assert.Contains("Killing", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_delete_removes_the_pod_at_once_and_the_node_then_removes_its_containers()
    {
        var kubectl = cluster.Kubectl;
        var manifest = Manifest.Replace("name: hello", "name: forced").Replace("terminationGracePeriodSeconds: 5", "terminationGracePeriodSeconds: 60");
        (await kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).Ok();
        (await kubectl.RunAsync(null, TimeSpan.FromSeconds(90), "wait", "--for=condition=Ready", "pod/forced", "--timeout=60s")).Ok();

        var forced = await kubectl.RunAsync(null, TimeSpan.FromSeconds(20), "delete", "pod", "forced", "--grace-period=0", "--force");
        Assert.Equal("pod \"forced\" force deleted\n", forced.Ok());
        Assert.Contains("Immediate deletion does not wait for confirmation", forced.Error, StringComparison.Ordinal);
        var gone = await kubectl.RunAsync("get", "pod", "forced");
        Assert.Contains("pods \"forced\" not found", gone.Error, StringComparison.Ordinal);

        // The node finds containers of a pod that no longer exists and removes them (an orphan sweep, as kubelet's).
        using var runtime = new DockerRuntime(new DockerRuntimeOptions(cluster.NodeName));
        var left = await Eventually(
            async () => (await runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "forced" })).Count
                + (await runtime.ListSandboxesAsync(new Dictionary<string, string> { [RuntimeLabels.PodName] = "forced" })).Count,
            n => n == 0);
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task The_node_is_listed_ready_with_its_capacity_and_runtime()
    {
        var row = (await cluster.Kubectl.RunAsync("get", "node", cluster.NodeName, "-o", "wide", "--no-headers")).Ok();
        var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([cluster.NodeName, "Ready"], columns[..2]);
        Assert.Contains(columns, c => c.StartsWith("docker://", StringComparison.Ordinal));
        var capacity = (await cluster.Kubectl.RunAsync("get", "node", cluster.NodeName, "-o", "jsonpath={.status.capacity.cpu} {.status.capacity.pods}")).Ok();
        Assert.Equal($"{Environment.ProcessorCount} 110", capacity);
        var lease = (await cluster.Kubectl.RunAsync("get", "lease", cluster.NodeName, "-n", "kube-node-lease", "-o", "jsonpath={.spec.holderIdentity}")).Ok();
        Assert.Equal(cluster.NodeName, lease);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
