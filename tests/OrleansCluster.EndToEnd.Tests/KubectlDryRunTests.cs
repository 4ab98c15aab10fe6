using System.Text.Json.Nodes;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>kubectl's <c>--dry-run=server</c>: Kubernetes' output for every write, and the cluster left as it was.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class KubectlDryRunTests(GatewayCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Kubectl K => cluster.Kubectl;

    private static string Pod(string name, string app = "web") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          labels:
            app: {app}
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """;

    [Fact]
    public async Task Writes_with_dry_run_server_print_what_they_would_do_and_change_nothing()
    {
        const string Ns = "e2e-dryrun";
        (await K.RunAsync("create", "namespace", Ns)).Ok();
        (await K.RunAsync(Pod("keep"), Timeout, "apply", "-n", Ns, "-f", "-")).Ok();
        var before = await StateAsync(Ns);

        Assert.Equal("pod/px created (server dry run)", await DryRunAsync(Pod("px"), "create", "-n", Ns, "-f", "-"));
        Assert.Equal("pod/py created (server dry run)", await DryRunAsync(Pod("py"), "apply", "-n", Ns, "-f", "-"));
        Assert.Equal("pod/keep configured (server dry run)", await DryRunAsync(Pod("keep", "other"), "apply", "-n", Ns, "-f", "-"));
        Assert.Equal("pod/pz serverside-applied (server dry run)", await DryRunAsync(Pod("pz"), "apply", "--server-side", "-n", Ns, "-f", "-"));
        Assert.Equal("pod/keep labeled (server dry run)", await DryRunAsync(null, "label", "pod", "keep", "-n", Ns, "tier=front"));
        // kubectl 1.32's patch prints no dry-run suffix (as against a real API server); it does send dryRun=All.
        Assert.Equal("pod/keep patched",
            await DryRunAsync(null, "patch", "pod", "keep", "-n", Ns, "-p", """{"metadata":{"labels":{"tier":"p"}}}"""));
        var yaml = (await K.RunAsync("get", "pod", "keep", "-n", Ns, "-o", "yaml")).Ok().Replace("app: web", "app: replaced");
        Assert.Equal("pod/keep replaced (server dry run)", await DryRunAsync(yaml, "replace", "-f", "-"));
        Assert.Equal("pod \"keep\" deleted (server dry run)", await DryRunAsync(null, "delete", "pod", "keep", "-n", Ns));
        Assert.Equal("namespace/e2e-dryrun-other created (server dry run)", await DryRunAsync(null, "create", "namespace", "e2e-dryrun-other"));
        Assert.Equal($"namespace \"{Ns}\" deleted (server dry run)", await DryRunAsync(null, "delete", "namespace", Ns));

        // The server's answer is what would be stored: defaulted and stamped, without a resourceVersion.
        var answer = JsonNode.Parse((await K.RunAsync(Pod("px"), Timeout, "create", "-n", Ns, "-f", "-", "--dry-run=server", "-o", "json")).Ok())!;
        Assert.True(Guid.TryParse(answer["metadata"]!["uid"]!.GetValue<string>(), out _));
        Assert.Null(answer["metadata"]!["resourceVersion"]);
        Assert.Equal("Always", answer["spec"]!["restartPolicy"]!.GetValue<string>());

        Assert.Equal(before, await StateAsync(Ns));
        var missing = await K.RunAsync("get", "pod", "px", "-n", Ns);
        Assert.Contains("pods \"px\" not found", missing.Error);
        Assert.Contains("namespaces \"e2e-dryrun-other\" not found", (await K.RunAsync("get", "namespace", "e2e-dryrun-other")).Error);
    }

    [Fact]
    public async Task A_dry_run_of_an_invalid_write_fails_as_the_real_write()
    {
        const string Ns = "e2e-dryrun-bad";
        (await K.RunAsync("create", "namespace", Ns)).Ok();

        var dry = await K.RunAsync(Pod("Bad_Name"), Timeout, "create", "-n", Ns, "-f", "-", "--dry-run=server");
        var real = await K.RunAsync(Pod("Bad_Name"), Timeout, "create", "-n", Ns, "-f", "-");

        Assert.Equal(1, dry.ExitCode);
        Assert.Contains("is invalid", dry.Error);
        Assert.Equal(real.Error, dry.Error);
        Assert.Equal("", (await K.RunAsync("get", "pods", "-n", Ns, "-o", "name")).Ok().Trim());
    }

    private async Task<string> DryRunAsync(string? stdin, params string[] args) =>
        (await K.RunAsync(stdin, Timeout, [.. args, "--dry-run=server"])).Ok().Trim();

    /// <summary>The namespace and its pods as kubectl shows them in full (resourceVersions included).</summary>
    private async Task<string> StateAsync(string ns) =>
        (await K.RunAsync("get", "namespace", ns, "-o", "json")).Ok()
        + JsonNode.Parse((await K.RunAsync("get", "pods", "-n", ns, "-o", "json")).Ok())!["items"]!.ToJsonString();
}
