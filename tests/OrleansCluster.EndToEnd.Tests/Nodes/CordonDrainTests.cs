using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Nodes;

/// <summary>
/// <c>kubectl cordon</c>, <c>uncordon</c> and <c>drain</c> against a cluster whose node runs real Docker containers:
/// a cordoned node takes no new pod, an uncordoned one does, and drain evicts (pods/eviction) what runs there.
/// </summary>
[Collection(NodeCluster.Collection)]
public sealed class CordonDrainTests(NodeCluster cluster)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    private static string Pod(string name) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          terminationGracePeriodSeconds: 2
          containers:
          - name: main
            image: orleanscluster/busybox:local
            imagePullPolicy: IfNotPresent
            command: ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """;

    [Fact]
    public async Task A_cordoned_node_takes_no_new_pod_until_uncordoned_and_drain_evicts_its_pods()
    {
        var kubectl = cluster.Kubectl;
        var node = cluster.NodeName;
        (await kubectl.RunAsync(null, Long, "wait", "--for=condition=Ready", $"node/{node}", "--timeout=60s")).Ok();
        try
        {
            Assert.Equal($"node/{node} cordoned\n", (await kubectl.RunAsync("cordon", node)).Ok());
            Assert.Equal("true", (await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.unschedulable}")).Ok());
            var status = (await kubectl.RunAsync("get", "node", node, "--no-headers")).Ok().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.Equal("Ready,SchedulingDisabled", status);
            var taints = await Eventually.Until(
                async () => (await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.taints[*].key}:{.spec.taints[*].effect}")).Ok(),
                t => t.Length > 1, TimeSpan.FromSeconds(30), "the node lifecycle controller's unschedulable taint");
            Assert.Equal("node.kubernetes.io/unschedulable:NoSchedule", taints);

            (await kubectl.RunAsync(Pod("waits-for-uncordon"), Long, "apply", "-f", "-")).Ok();
            var refused = await Eventually.Until(
                async () => (await kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=waits-for-uncordon,reason=FailedScheduling",
                    "-o", "jsonpath={.items[*].message}")).Ok(),
                m => m.Length > 0, TimeSpan.FromSeconds(30), "a FailedScheduling event");
            Assert.Contains("node(s) were unschedulable", refused, StringComparison.Ordinal);
            Assert.Equal("", (await kubectl.RunAsync("get", "pod", "waits-for-uncordon", "-o", "jsonpath={.spec.nodeName}")).Ok());

            Assert.Equal($"node/{node} uncordoned\n", (await kubectl.RunAsync("uncordon", node)).Ok());
            (await kubectl.RunAsync(null, Long, "wait", "--for=condition=Ready", "pod/waits-for-uncordon", "--timeout=60s")).Ok();
            Assert.Equal(node, (await kubectl.RunAsync("get", "pod", "waits-for-uncordon", "-o", "jsonpath={.spec.nodeName}")).Ok());
            await Eventually.Until(async () => (await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.taints}")).Ok(),
                t => t.Length == 0, TimeSpan.FromSeconds(30), "the unschedulable taint removed");

            var drain = await kubectl.RunAsync(null, Long, "drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=60s");
            var output = drain.Ok();
            Assert.Contains($"node/{node} cordoned", output, StringComparison.Ordinal);
            Assert.Contains("pod/waits-for-uncordon evicted", output, StringComparison.Ordinal);
            Assert.Contains($"node/{node} drained", output, StringComparison.Ordinal);
            Assert.Contains("evicting pod default/waits-for-uncordon", drain.Error + output, StringComparison.Ordinal);
            Assert.Contains("pods \"waits-for-uncordon\" not found", (await kubectl.RunAsync("get", "pod", "waits-for-uncordon")).Error, StringComparison.Ordinal);
        }
        finally
        {
            // The node serves the collection's other tests.
            await kubectl.RunAsync("uncordon", node);
            await kubectl.RunAsync(null, Long, "delete", "pod", "waits-for-uncordon", "--ignore-not-found", "--grace-period=0", "--force");
        }
    }
}
