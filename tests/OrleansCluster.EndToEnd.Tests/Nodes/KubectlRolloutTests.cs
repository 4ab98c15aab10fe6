using System.Text.RegularExpressions;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Nodes;

/// <summary>
/// A Deployment's life with the real kubectl against a cluster whose node runs real Docker containers: create,
/// <c>rollout status</c>, a template change, <c>rollout history</c> with change causes, <c>undo</c>, <c>restart</c>,
/// <c>pause</c>/<c>resume</c>, and our automatic rollback when an image that can never be pulled misses the deadline.
/// </summary>
[Collection(NodeCluster.Collection)]
public sealed partial class KubectlRolloutTests(NodeCluster cluster)
{
    private const string Ns = "e2e-rollout";
    private const string Image = "orleanscluster/busybox:local";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    private Kubectl K => cluster.Kubectl;

    [Fact]
    public async Task Rollouts_history_undo_restart_pause_and_the_automatic_rollback()
    {
        (await K.RunAsync("create", "namespace", Ns)).Ok();
        Assert.Equal("deployment.apps/web created\n", (await K.RunAsync(
            "create", "deployment", "web", "-n", Ns, $"--image={Image}", "--replicas=2", "--",
            "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")).Ok());
        await RolledOutAsync();
        var pods = Rows((await K.RunAsync("get", "pods", "-n", Ns, "--no-headers")).Ok());
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Matches(@"^web-[a-z0-9]+-[a-z0-9]{5} 1/1 Running ", p));

        Assert.Equal("deployment.apps/web env updated\n", (await K.RunAsync("set", "env", "deployment/web", "-n", Ns, "STEP=2")).Ok());
        // As in Kubernetes, the Deployment's annotations follow onto its current ReplicaSet: annotate after the change.
        (await K.RunAsync("annotate", "deployment", "web", "-n", Ns, "kubernetes.io/change-cause=step two")).Ok();
        await RolledOutAsync();
        var history = Rows((await K.RunAsync("rollout", "history", "deployment/web", "-n", Ns)).Ok());
        Assert.Equal(["deployment.apps/web", "REVISION CHANGE-CAUSE", "1 <none>", "2 step two"], history);
        Assert.Equal(2, Rows((await K.RunAsync("get", "rs", "-n", Ns, "--no-headers")).Ok()).Count);

        Assert.Equal("deployment.apps/web rolled back\n", (await K.RunAsync("rollout", "undo", "deployment/web", "-n", Ns)).Ok());
        await RolledOutAsync();
        Assert.Equal(["deployment.apps/web", "REVISION CHANGE-CAUSE", "2 step two", "3 <none>"],
            Rows((await K.RunAsync("rollout", "history", "deployment/web", "-n", Ns)).Ok()));
        Assert.Equal("", Jsonpath("{.spec.template.spec.containers[0].env}", await GetAsync()));

        Assert.Equal("deployment.apps/web restarted\n", (await K.RunAsync("rollout", "restart", "deployment/web", "-n", Ns)).Ok());
        await RolledOutAsync();
        Assert.Equal("4", await RevisionAsync());

        Assert.Equal("deployment.apps/web paused\n", (await K.RunAsync("rollout", "pause", "deployment/web", "-n", Ns)).Ok());
        (await K.RunAsync("set", "env", "deployment/web", "-n", Ns, "STEP=5")).Ok();
        await Eventually.Until(GetAsync, json => ProgressingReason(json) == "DeploymentPaused"
                                                 && ObservedCurrent(json), Timeout, "the pause observed");
        Assert.Equal("4", await RevisionAsync());
        Assert.Equal(3, Rows((await K.RunAsync("get", "rs", "-n", Ns, "--no-headers")).Ok()).Count);
        Assert.Equal("deployment.apps/web resumed\n", (await K.RunAsync("rollout", "resume", "deployment/web", "-n", Ns)).Ok());
        await RolledOutAsync();
        Assert.Equal("5", await RevisionAsync());

        (await K.RunAsync("annotate", "deployment", "web", "-n", Ns, "orleanscluster.io/rollback-on-progress-deadline=true")).Ok();
        (await K.RunAsync("patch", "deployment", "web", "-n", Ns, "-p", """{"spec":{"progressDeadlineSeconds":10}}""")).Ok();
        await RolledOutAsync();
        (await K.RunAsync("set", "image", "deployment/web", "-n", Ns, "busybox=registry.invalid/nothing:1")).Ok();
        var failed = await K.RunAsync(null, Timeout, "rollout", "status", "deployment/web", "-n", Ns, "--timeout=120s");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("deployment \"web\" exceeded its progress deadline", failed.Error, StringComparison.Ordinal);

        var events = await Eventually.Until(
            async () => (await K.RunAsync("get", "events", "-n", Ns, "--field-selector", "reason=RolledBack", "--no-headers")).Ok(),
            e => e.Length > 0, Timeout, "the RolledBack event");
        Assert.Matches(@"Warning\s+RolledBack\s+deployment/web\s+Rolled back to revision 5 after the progress deadline", events);
        await RolledOutAsync();
        Assert.Equal(Image, Jsonpath("{.spec.template.spec.containers[0].image}", await GetAsync()));
        Assert.Equal("7", await RevisionAsync());
    }

    /// <summary><c>kubectl rollout status</c> until it says the rollout finished (it exits non-zero on a deadline).</summary>
    private async Task RolledOutAsync()
    {
        var result = await K.RunAsync(null, Timeout, "rollout", "status", "deployment/web", "-n", Ns, "--timeout=120s");
        Assert.True(result.ExitCode == 0, $"rollout status: {result.Output}{result.Error}");
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", result.Output, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync() => (await K.RunAsync("get", "deployment", "web", "-n", Ns, "-o", "json")).Ok();

    private async Task<string> RevisionAsync() =>
        (await K.RunAsync("get", "deployment", "web", "-n", Ns, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).Ok();

    private static bool ObservedCurrent(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json) is { } d
        && d["status"]?["observedGeneration"]?.GetValue<long>() == d["metadata"]!["generation"]!.GetValue<long>();

    private static string? ProgressingReason(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)?["status"]?["conditions"]?.AsArray()
            .FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Progressing")?["reason"]?.GetValue<string>();

    private static string Jsonpath(string path, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        var parts = WordPattern().Matches(path).Select(m => m.Value).ToList();
        foreach (var part in parts)
        {
            node = int.TryParse(part, out var index) ? node?.AsArray().ElementAtOrDefault(index) : node?[part];
        }

        return node?.ToString() ?? "";
    }

    private static List<string> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l.Trim(), " +", " ")).ToList();

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex WordPattern();
}
