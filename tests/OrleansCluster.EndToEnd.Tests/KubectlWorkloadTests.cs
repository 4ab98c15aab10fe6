using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>
/// Deployments, ReplicaSets and ReplicationControllers through the real kubectl: the API side, and the replica
/// controller's pods and status (no node runs here, so none is ready; no Deployment controller yet).
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed partial class KubectlWorkloadTests(GatewayCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Kubectl K => cluster.Kubectl;

    private static string Manifests(string selectorApp = "web") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {selectorApp}
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: main
                image: busybox:1.36
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: front
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: front
          template:
            metadata:
              labels:
                app: front
            spec:
              containers:
              - name: main
                image: busybox:1.36
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: legacy
        spec:
          template:
            metadata:
              labels:
                app: legacy
            spec:
              containers:
              - name: main
                image: busybox:1.36
        """;

    [Fact]
    public async Task Api_resources_lists_the_workload_kinds()
    {
        var rows = Rows((await K.RunAsync("api-resources")).Ok());

        Assert.Contains("deployments deploy apps/v1 true Deployment", rows);
        Assert.Contains("replicasets rs apps/v1 true ReplicaSet", rows);
        Assert.Contains("replicationcontrollers rc v1 true ReplicationController", rows);
        var all = Rows((await K.RunAsync("api-resources", "--categories=all", "-o", "name")).Ok());
        Assert.Equal(["deployments.apps", "pods", "replicasets.apps", "replicationcontrollers", "services"], all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_then_get_tables_and_defaults()
    {
        var ns = await NamespaceAsync("e2e-workloads");

        var applied = Rows((await K.RunAsync(Manifests(), Timeout, "apply", "-n", ns, "-f", "-")).Ok());
        var again = Rows((await K.RunAsync(Manifests(), Timeout, "apply", "-n", ns, "-f", "-")).Ok());

        Assert.Equal(["deployment.apps/web created", "replicaset.apps/front created", "replicationcontroller/legacy created"], applied);
        Assert.Equal(["deployment.apps/web unchanged", "replicaset.apps/front unchanged", "replicationcontroller/legacy unchanged"], again);

        var deploy = Rows((await K.RunAsync("get", "deploy", "-n", ns)).Ok());
        Assert.Equal(["NAME READY UP-TO-DATE AVAILABLE AGE", "web 0/2 0 0"], deploy.Select(StripAge));
        // The replica controller makes the pods (no node runs them, so none is ready).
        var rs = await Eventually.Until(
            async () => Rows((await K.RunAsync("get", "rs", "-n", ns, "-o", "wide")).Ok()).Select(r => AgePattern().Replace(r, " ")).ToList(),
            rows => rows.Contains("front 3 3 0 main busybox:1.36 app=front"), Timeout, "the ReplicaSet's pods made");
        Assert.Equal(["NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR", "front 3 3 0 main busybox:1.36 app=front"], rs);
        var rc = await Eventually.Until(
            async () => Rows((await K.RunAsync("get", "rc", "-n", ns)).Ok()).Select(StripAge).ToList(),
            rows => rows.Contains("legacy 1 1 0"), Timeout, "the ReplicationController's pod made");
        Assert.Equal(["NAME DESIRED CURRENT READY AGE", "legacy 1 1 0"], rc);
        var several = (await K.RunAsync("get", "deploy,rs,rc", "-n", ns, "-o", "name")).Ok();
        Assert.Equal(["deployment.apps/web", "replicaset.apps/front", "replicationcontroller/legacy"], Rows(several));

        var yaml = (await K.RunAsync("get", "deploy", "web", "-n", ns, "-o", "yaml")).Ok();
        Assert.Contains("revisionHistoryLimit: 10", yaml);
        Assert.Contains("progressDeadlineSeconds: 600", yaml);
        Assert.Contains("maxSurge: 25%", yaml);
        Assert.Contains("maxUnavailable: 25%", yaml);
        Assert.Contains("type: RollingUpdate", yaml);
        Assert.Contains("restartPolicy: Always", yaml);
        Assert.Contains("generation: 1", yaml);
        var legacy = await JsonAsync("rc", "legacy", ns);
        Assert.Equal("legacy", legacy["spec"]!["selector"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_deployment_then_scale_it()
    {
        var ns = await NamespaceAsync("e2e-scale");

        var created = (await K.RunAsync("create", "deployment", "web", "--image=busybox:1.36", "--replicas=2", "-n", ns)).Ok();
        var scaled = (await K.RunAsync("scale", "deployment/web", "--replicas=3", "-n", ns)).Ok();

        Assert.Equal("deployment.apps/web created", created.Trim());
        Assert.Equal("deployment.apps/web scaled", scaled.Trim());
        var web = await JsonAsync("deploy", "web", ns);
        Assert.Equal(3, web["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, web["metadata"]!["generation"]!.GetValue<int>());
        Assert.Equal("web", web["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());

        var scale = JsonNode.Parse((await K.RunAsync(
            "get", "--raw", $"/apis/apps/v1/namespaces/{ns}/deployments/web/scale")).Ok())!;
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Equal("autoscaling/v1", scale["apiVersion"]!.GetValue<string>());
        Assert.Equal(3, scale["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("app=web", scale["status"]!["selector"]!.GetValue<string>());

        // The manifests' ReplicaSet and ReplicationController (applying also replaces the Deployment "web" created above).
        (await K.RunAsync(Manifests(), Timeout, "apply", "-n", ns, "-f", "-")).Ok();
        Assert.Equal("replicaset.apps/front scaled", (await K.RunAsync("scale", "rs/front", "--replicas=0", "-n", ns)).Ok().Trim());
        Assert.Equal("replicationcontroller/legacy scaled", (await K.RunAsync("scale", "rc", "legacy", "--replicas=4", "-n", ns)).Ok().Trim());
        Assert.Equal(0, (await JsonAsync("rs", "front", ns))["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(4, (await JsonAsync("rc", "legacy", ns))["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_workloads_and_negative_scales_are_refused_with_the_field()
    {
        var ns = await NamespaceAsync("e2e-invalid-deploy");

        var refused = await K.RunAsync(Manifests(selectorApp: "api"), Timeout, "apply", "-n", ns, "-f", "-");
        var negative = await K.RunAsync(
            "patch", "rc", "legacy", "-n", ns, "--subresource=scale", "--type=merge", "-p", """{"spec":{"replicas":-1}}""");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("\"web\" is invalid", refused.Error);
        Assert.Contains("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            refused.Error);
        Assert.NotEqual(0, negative.ExitCode);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", negative.Error);
        Assert.Equal("", (await K.RunAsync("get", "deploy", "-n", ns, "-o", "name")).Ok().Trim());
    }

    private async Task<string> NamespaceAsync(string name)
    {
        (await K.RunAsync("create", "namespace", name)).Ok();
        return name;
    }

    private async Task<JsonNode> JsonAsync(string resource, string name, string ns) =>
        JsonNode.Parse((await K.RunAsync("get", resource, name, "-n", ns, "-o", "json")).Ok())!;

    private static List<string> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l.Trim(), " +", " ")).ToList();

    /// <summary>A row without its AGE cell (the last one), which depends on when the test ran.</summary>
    private static string StripAge(string row) => row.StartsWith("NAME", StringComparison.Ordinal) ? row : row[..row.LastIndexOf(' ')];

    [GeneratedRegex(" [0-9]+s ")]
    private static partial Regex AgePattern();
}
