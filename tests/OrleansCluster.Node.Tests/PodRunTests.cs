using k8s.Models;
using OrleansCluster.Runtime;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Node.Tests;

[Collection(NodeCluster.Name)]
public sealed class PodRunTests(NodeCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Single_container_pod_runs_with_pod_IP_status_and_events()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("single", TestNode.Container("main", "sleep 3600")));
        var pod = (await cluster.PodAsync("single", p => p?.Status?.Phase == "Running"))!;

        var status = pod.Status;
        Assert.False(string.IsNullOrEmpty(status.PodIP));
        Assert.Equal(status.PodIP, status.PodIPs.Single().Ip);
        Assert.Equal("127.0.0.1", status.HostIP);
        Assert.NotNull(status.StartTime);
        Assert.Equal("BestEffort", status.QosClass);
        foreach (var type in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers" })
        {
            var condition = status.Conditions.Single(c => c.Type == type);
            Assert.Equal("True", condition.Status);
            Assert.NotNull(condition.LastTransitionTime);
        }

        var container = status.ContainerStatuses.Single();
        Assert.True(container.Ready);
        Assert.True(container.Started);
        Assert.Equal(0, container.RestartCount);
        Assert.NotNull(container.State.Running?.StartedAt);
        Assert.StartsWith("docker://", container.ContainerID, StringComparison.Ordinal);
        Assert.Equal(NodeCluster.Image, container.Image);
        Assert.False(string.IsNullOrEmpty(container.ImageID));

        var running = await node.Runtime.InspectContainerAsync(container.ContainerID["docker://".Length..]);
        Assert.Equal(ContainerState.Running, running!.State);

        // Level-based passes over an unchanged pod write nothing: after two resyncs the object is the same version.
        var settled = (await cluster.PodAsync("single", p => p!.Status.ContainerStatuses.Single().Ready == true))!;
        var passes = node.Service.PassesCompleted;
        await Eventually.True(() => Task.FromResult(node.Service.PassesCompleted >= passes + 2), Deadline, "two more passes");
        Assert.Equal(settled.Metadata.ResourceVersion, (await cluster.Client.Pods.GetAsync("single", "default"))!.Metadata.ResourceVersion);

        var events = await Eventually.Until(() => cluster.EventsAsync("single"), e => e.Any(x => x.Reason == "Started"), Deadline, "events");
        Assert.Contains(events, e => e.Reason == "Pulled" && e.Message == $"Container image \"{NodeCluster.Image}\" already present on machine");
        Assert.Contains(events, e => e.Reason == "Created" && e.Message == "Created container: main");
        Assert.Contains(events, e => e.Reason == "Started" && e.Message == "Started container main" && e.Source.Component == "kubelet" && e.Source.Host == node.Name);
    }

    [Fact]
    public async Task Containers_of_a_pod_share_localhost()
    {
        await using var node = await TestNode.StartAsync(cluster);
        await cluster.Client.Pods.CreateAsync(node.Pod("pair",
            TestNode.Container("server", "mkdir -p /www && echo hello-from-server > /www/index.html && httpd -f -p 8080 -h /www"),
            TestNode.Container("client", "sleep 3600")));
        var pod = (await cluster.PodAsync("pair", p => p?.Status?.Phase == "Running" && p.Status.ContainerStatuses.All(c => c.Ready)))!;

        var client = pod.Status.ContainerStatuses.Single(c => c.Name == "client").ContainerID["docker://".Length..];
        var fetched = await Eventually.Until(
            () => node.Runtime.ExecToEndAsync(client, ["wget", "-qO-", "http://localhost:8080/"]),
            r => r.ExitCode == 0, Deadline, "client reaches server on localhost");
        Assert.Equal("hello-from-server", fetched.Stdout.Trim());
    }

    [Fact]
    public async Task Environment_field_references_and_limits_reach_the_container()
    {
        await using var node = await TestNode.StartAsync(cluster);
        var main = TestNode.Container("main", "sleep 3600");
        main.WorkingDir = "/tmp";
        main.Env =
        [
            new V1EnvVar { Name = "GREETING", Value = "hello" },
            new V1EnvVar { Name = "COMPOSED", Value = "$(GREETING)-world" },
            Field("POD_NAME", "metadata.name"), Field("POD_NAMESPACE", "metadata.namespace"), Field("POD_UID", "metadata.uid"),
            Field("POD_IP", "status.podIP"), Field("NODE_NAME", "spec.nodeName"), Field("HOST_IP", "status.hostIP"),
            Field("SERVICE_ACCOUNT", "spec.serviceAccountName"),
        ];
        main.Resources = new V1ResourceRequirements
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi"), ["cpu"] = new("500m") },
            Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("32Mi"), ["cpu"] = new("250m") },
        };
        var spec = node.Pod("envpod", main);
        spec.Spec.ServiceAccountName = "builder";
        var created = await cluster.Client.Pods.CreateAsync(spec);
        var pod = (await cluster.PodAsync("envpod", p => p?.Status?.Phase == "Running"))!;

        var id = pod.Status.ContainerStatuses.Single().ContainerID["docker://".Length..];
        var env = (await node.Runtime.ExecToEndAsync(id, ["env"])).Stdout.Split('\n').ToHashSet();
        Assert.Contains("GREETING=hello", env);
        Assert.Contains("COMPOSED=hello-world", env);
        Assert.Contains("POD_NAME=envpod", env);
        Assert.Contains("POD_NAMESPACE=default", env);
        Assert.Contains($"POD_UID={created.Metadata.Uid}", env);
        Assert.Contains($"POD_IP={pod.Status.PodIP}", env);
        Assert.Contains($"NODE_NAME={node.Name}", env);
        Assert.Contains("HOST_IP=127.0.0.1", env);
        Assert.Contains("SERVICE_ACCOUNT=builder", env);
        Assert.Equal("/tmp", (await node.Runtime.ExecToEndAsync(id, ["pwd"])).Stdout.Trim());

        var inspected = await cluster.Docker.Containers.InspectContainerAsync(id);
        Assert.Equal(64L << 20, inspected.HostConfig.Memory);
        Assert.Equal(50_000, inspected.HostConfig.CPUQuota);
        Assert.Equal(100_000, inspected.HostConfig.CPUPeriod);
        Assert.Equal(256, inspected.HostConfig.CPUShares);
        Assert.Equal("Burstable", pod.Status.QosClass);
    }

    private static V1EnvVar Field(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };
}
