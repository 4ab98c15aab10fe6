using k8s.Models;
using OrleansCluster.Api;
using static OrleansCluster.Grains.Tests.Objects;
using static OrleansCluster.Grains.Tests.Scheduling.SchedulingObjects;

namespace OrleansCluster.Grains.Tests.Scheduling;

/// <summary>
/// The scheduler grain on an in-process cluster: pods created through the API end bound to the node Kubernetes'
/// rules pick, or marked unschedulable until a fitting node appears.
/// </summary>
public sealed class SchedulerGrainTests(SchedulingClusterFixture cluster) : IClassFixture<SchedulingClusterFixture>
{
    private OrleansClusterClient Api => cluster.Client;

    [Fact]
    public async Task A_pod_goes_to_the_node_its_selector_names()
    {
        await Api.Nodes.CreateAsync(Node("selector", "selector-ssd", new Dictionary<string, string> { ["disk"] = "ssd" }));
        await Api.Nodes.CreateAsync(Node("selector", "selector-hdd", new Dictionary<string, string> { ["disk"] = "hdd" }));

        await Api.Pods.CreateAsync(Pod("selector", "default", "wants-ssd", nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" }));

        var pod = await BoundAsync("wants-ssd");
        Assert.Equal("selector-ssd", pod.Spec.NodeName);
        Assert.Contains(pod.Status.Conditions, c => c is { Type: "PodScheduled", Status: "True" });
    }

    [Fact]
    public async Task A_taint_keeps_away_pods_that_do_not_tolerate_it()
    {
        var taint = new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };
        await Api.Nodes.CreateAsync(Node("taints", "taints-gpu", taints: [taint]));
        await Api.Nodes.CreateAsync(Node("taints", "taints-plain"));
        var tolerating = Pod("taints", "default", "tolerates-gpu");
        tolerating.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" }];

        var plain = Enumerable.Range(0, 4).Select(i => Api.Pods.CreateAsync(Pod("taints", "default", $"plain-{i}")));
        await Task.WhenAll(plain);
        await Api.Pods.CreateAsync(tolerating);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("taints-plain", (await BoundAsync($"plain-{i}")).Spec.NodeName);
        }

        Assert.Contains((await BoundAsync("tolerates-gpu")).Spec.NodeName, new[] { "taints-gpu", "taints-plain" });
    }

    [Fact]
    public async Task A_pod_goes_where_its_requests_fit_and_the_first_fills_the_node()
    {
        await Api.Nodes.CreateAsync(Node("resources", "resources-small", cpu: "1"));
        await Api.Nodes.CreateAsync(Node("resources", "resources-big", cpu: "3"));

        await Api.Pods.CreateAsync(Pod("resources", "default", "needs-2cpu", cpu: "2"));
        Assert.Equal("resources-big", (await BoundAsync("needs-2cpu")).Spec.NodeName);

        // The big node has 1 cpu left, the small node 1: a second 2-cpu pod fits nowhere.
        await Api.Pods.CreateAsync(Pod("resources", "default", "needs-2cpu-again", cpu: "2"));
        var stuck = await UnschedulableAsync("needs-2cpu-again");
        Assert.Contains("Insufficient cpu", stuck, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_node_affinity_is_obeyed()
    {
        await Api.Nodes.CreateAsync(Node("affinity", "affinity-a", new Dictionary<string, string> { ["zone"] = "a" }));
        await Api.Nodes.CreateAsync(Node("affinity", "affinity-b", new Dictionary<string, string> { ["zone"] = "b" }));
        var pod = Pod("affinity", "default", "wants-zone-b");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = "In", Values = ["b"] }],
                        },
                    ],
                },
            },
        };

        await Api.Pods.CreateAsync(pod);

        Assert.Equal("affinity-b", (await BoundAsync("wants-zone-b")).Spec.NodeName);
    }

    [Fact]
    public async Task An_unschedulable_pod_is_marked_and_reported_then_bound_once_a_node_fits()
    {
        await Api.Nodes.CreateAsync(Node("later", "later-wrong-zone", new Dictionary<string, string> { ["zone"] = "x" }));
        await Api.Pods.CreateAsync(Pod("later", "default", "waits-for-zone-y", nodeSelector: new Dictionary<string, string> { ["zone"] = "y" }));

        var message = await UnschedulableAsync("waits-for-zone-y");
        Assert.Matches(@"^0/\d+ nodes are available: \d+ node\(s\) didn't match Pod's node affinity/selector\. preemption: 0/\d+ nodes are available: \d+ Preemption is not helpful for scheduling\.$", message);
        await EventuallyAsync(async () => (await EventsAboutAsync("waits-for-zone-y")).Any(e =>
            e is { Type: "Warning", Reason: "FailedScheduling", Source.Component: "default-scheduler" } && e.Message == message),
            "a FailedScheduling event with the condition's message");

        await Api.Nodes.CreateAsync(Node("later", "later-right-zone", new Dictionary<string, string> { ["zone"] = "y" }));

        Assert.Equal("later-right-zone", (await BoundAsync("waits-for-zone-y")).Spec.NodeName);
        await EventuallyAsync(async () => (await EventsAboutAsync("waits-for-zone-y")).Any(e =>
            e is { Type: "Normal", Reason: "Scheduled" } && e.Message == "Successfully assigned default/waits-for-zone-y to later-right-zone"),
            "a Scheduled event");
    }

    [Fact]
    public async Task Pods_of_another_scheduler_are_left_alone()
    {
        await Api.Nodes.CreateAsync(Node("other", "other-node"));
        var pod = Pod("other", "default", "not-ours");
        pod.Spec.SchedulerName = "my-scheduler";
        await Api.Pods.CreateAsync(pod);
        await Api.Pods.CreateAsync(Pod("other", "default", "ours"));

        await BoundAsync("ours");

        var stored = await Api.Pods.GetAsync("not-ours", "default");
        Assert.Null(stored!.Spec.NodeName);
        Assert.DoesNotContain(stored.Status.Conditions ?? [], c => c.Type == "PodScheduled");
    }

    private async Task<V1Pod> BoundAsync(string name)
    {
        V1Pod? pod = null;
        await EventuallyAsync(async () => (pod = await Api.Pods.GetAsync(name, "default"))?.Spec.NodeName is { Length: > 0 }, $"pod {name} bound");
        return pod!;
    }

    private async Task<string> UnschedulableAsync(string name)
    {
        V1PodCondition? condition = null;
        await EventuallyAsync(async () =>
        {
            var pod = await Api.Pods.GetAsync(name, "default");
            condition = pod?.Status.Conditions?.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False", Reason: "Unschedulable" });
            return condition is not null;
        }, $"pod {name} marked unschedulable");
        return condition!.Message;
    }

    private async Task<IReadOnlyList<Corev1Event>> EventsAboutAsync(string pod) =>
        (await Api.Events.ListAsync("default")).Items.Where(e => e.InvolvedObject.Name == pod).ToList();
}
