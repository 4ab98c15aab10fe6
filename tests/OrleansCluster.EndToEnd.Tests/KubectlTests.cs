using System.Text.Json.Nodes;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>The workflows of issue 3 with the real kubectl, each in a namespace of its own, asserting what a user sees.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class KubectlTests(GatewayCluster cluster)
{
    private Kubectl K => cluster.Kubectl;

    private static string Pod(string name, string labels = "app: web", string image = "busybox:1.36") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          labels:
            {labels}
        spec:
          containers:
          - name: main
            image: {image}
            ports:
            - containerPort: 80
        """;

    private static string Service(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 8080
        """;

    private async Task<string> NamespaceAsync(string name)
    {
        (await K.RunAsync("create", "namespace", name)).Ok();
        return name;
    }

    [Fact]
    public async Task Version_and_api_resources()
    {
        var version = (await K.RunAsync("version")).Ok();
        var resources = (await K.RunAsync("api-resources")).Ok();

        Assert.Contains("Server Version: v1.32", version);
        foreach (var line in new[] { "pods", "services", "namespaces", "nodes", "events" })
        {
            Assert.Contains(resources.Split('\n'), l => l.StartsWith(line + " ", StringComparison.Ordinal));
        }

        // Column widths vary with content: compare with runs of spaces folded.
        var rows = resources.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l.TrimEnd(), " +", " ")).ToList();
        Assert.Contains("pods po v1 true Pod", rows);
        Assert.Contains("leases coordination.k8s.io/v1 true Lease", rows);
    }

    [Fact]
    public async Task Create_apply_twice_and_get_in_every_output_format()
    {
        var ns = await NamespaceAsync("e2e-get");
        var created = (await K.RunAsync(Pod("web"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        var again = (await K.RunAsync(Pod("web"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        var changed = (await K.RunAsync(Pod("web", "app: web2"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();

        Assert.Equal("pod/web created", created.Trim());
        Assert.Equal("pod/web unchanged", again.Trim());
        Assert.Equal("pod/web configured", changed.Trim());

        var table = Lines((await K.RunAsync("get", "pods", "-n", ns)).Ok());
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("web ", table[1], StringComparison.Ordinal);
        Assert.Contains("0/1", table[1]);
        Assert.Contains("Pending", table[1]);

        var wide = Lines((await K.RunAsync("get", "pods", "-n", ns, "-o", "wide")).Ok());
        Assert.Contains("NOMINATED NODE", wide[0]);
        Assert.Contains("READINESS GATES", wide[0]);

        var all = Lines((await K.RunAsync("get", "pods", "-A", "--show-labels")).Ok());
        Assert.StartsWith("NAMESPACE", all[0], StringComparison.Ordinal);
        Assert.Contains(all, l => l.StartsWith(ns + " ", StringComparison.Ordinal) && l.Contains("app=web2"));

        var json = JsonNode.Parse((await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "json")).Ok())!;
        Assert.Equal("web2", json["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Contains("name: web", (await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "yaml")).Ok());
        Assert.Equal("pod/web", (await K.RunAsync("get", "pods", "-n", ns, "-o", "name")).Ok().Trim());
        Assert.Equal("busybox:1.36", (await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.spec.containers[0].image}")).Ok());
        Assert.Equal("pod/web", (await K.RunAsync("get", "pods", "-n", ns, "-l", "app=web2", "-o", "name")).Ok().Trim());
        Assert.Equal("", (await K.RunAsync("get", "pods", "-n", ns, "-l", "app=other", "-o", "name")).Ok().Trim());

        var missing = await K.RunAsync("get", "pod", "nothere", "-n", ns);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Error from server (NotFound): pods \"nothere\" not found", missing.Error);
    }

    [Fact]
    public async Task Namespaces_nodes_services_and_events_print_like_Kubernetes()
    {
        var ns = await NamespaceAsync("e2e-kinds");
        (await K.RunAsync(Service("web"), TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-")).Ok();

        var namespaces = Lines((await K.RunAsync("get", "ns")).Ok());
        Assert.Equal(["NAME", "STATUS", "AGE"], namespaces[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(namespaces, l => l.StartsWith("default ", StringComparison.Ordinal) && l.Contains("Active"));

        var services = Lines((await K.RunAsync("get", "svc", "-n", ns, "-o", "wide")).Ok());
        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"], services[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("80/TCP", services[1]);
        Assert.Contains("app=web", services[1]);

        var nodes = await K.RunAsync("get", "nodes");
        Assert.Equal(0, nodes.ExitCode);
        var events = await K.RunAsync("get", "events", "-n", ns);
        Assert.Equal(0, events.ExitCode);
        Assert.Contains("No resources found", events.Error);
    }

    [Fact]
    public async Task Get_pods_watch_shows_a_create_and_a_delete_made_meanwhile()
    {
        var ns = await NamespaceAsync("e2e-watch");
        (await K.RunAsync(Pod("first"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        using var watch = K.Start("get", "pods", "-n", ns, "-w");
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        await Eventually(() => Count(lines, l => l.StartsWith("first ", StringComparison.Ordinal)) >= 1, "the initial list");

        (await K.RunAsync(Pod("second"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        await Eventually(() => Count(lines, l => l.StartsWith("second ", StringComparison.Ordinal)) >= 1, "the created pod");
        (await K.RunAsync("delete", "pod", "second", "-n", ns)).Ok();
        await Eventually(() => Count(lines, l => l.StartsWith("second ", StringComparison.Ordinal)) >= 2, "the deleted pod");

        watch.Kill();
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Label_annotate_patch_replace_and_server_side_apply()
    {
        var ns = await NamespaceAsync("e2e-edit");
        (await K.RunAsync(Pod("web"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();

        Assert.Equal("pod/web labeled", (await K.RunAsync("label", "pod", "web", "-n", ns, "tier=front")).Ok().Trim());
        Assert.Equal("pod/web annotated", (await K.RunAsync("annotate", "pod", "web", "-n", ns, "note=hello world")).Ok().Trim());
        (await K.RunAsync("patch", "pod", "web", "-n", ns, "-p", """{"metadata":{"labels":{"strategic":"yes"}}}""")).Ok();
        (await K.RunAsync("patch", "pod", "web", "-n", ns, "--type=merge", "-p", """{"metadata":{"labels":{"merge":"yes"}}}""")).Ok();
        (await K.RunAsync("patch", "pod", "web", "-n", ns, "--type=json", "-p", """[{"op":"replace","path":"/spec/containers/0/image","value":"busybox:1.37"}]""")).Ok();

        var pod = JsonNode.Parse((await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "json")).Ok())!;
        var labels = pod["metadata"]!["labels"]!.AsObject();
        Assert.Equal(["app", "merge", "strategic", "tier"], labels.Select(l => l.Key).Order());
        Assert.Equal("hello world", pod["metadata"]!["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal("busybox:1.37", pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(2, pod["metadata"]!["generation"]!.GetValue<long>());

        var yaml = (await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "yaml")).Ok().Replace("tier: front", "tier: back");
        Assert.Equal("pod/web replaced", (await K.RunAsync(yaml, TimeSpan.FromSeconds(60), "replace", "-f", "-")).Ok().Trim());
        Assert.Equal("back", (await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.labels.tier}")).Ok());

        var ssa = (await K.RunAsync(Pod("ssa"), TimeSpan.FromSeconds(60), "apply", "--server-side", "-n", ns, "-f", "-")).Ok();
        Assert.Equal("pod/ssa serverside-applied", ssa.Trim());
        Assert.Equal("pod/ssa", (await K.RunAsync("get", "pod", "ssa", "-n", ns, "-o", "name")).Ok().Trim());
    }

    [Fact]
    public async Task Delete_file_and_delete_namespace_wait_until_gone()
    {
        var ns = await NamespaceAsync("e2e-delete");
        var manifest = Pod("web") + "\n---\n" + Service("web");
        (await K.RunAsync(manifest, TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-")).Ok();

        var deleted = Lines((await K.RunAsync(manifest, TimeSpan.FromSeconds(60), "delete", "-n", ns, "-f", "-")).Ok());
        Assert.Equal(["pod \"web\" deleted", "service \"web\" deleted"], deleted);

        (await K.RunAsync(Pod("left"), TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-")).Ok();
        Assert.Equal($"namespace \"{ns}\" deleted", (await K.RunAsync("delete", "ns", ns)).Ok().Trim());
        var gone = await K.RunAsync("get", "ns", ns);
        Assert.Contains($"namespaces \"{ns}\" not found", gone.Error);
        Assert.Equal("", (await K.RunAsync("get", "pods", "-n", ns, "-o", "name")).Ok().Trim());
    }

    [Fact]
    public async Task Describe_pod_shows_the_pod_and_its_events()
    {
        var ns = await NamespaceAsync("e2e-describe");
        (await K.RunAsync(Pod("web"), TimeSpan.FromSeconds(60), "apply", "-n", ns, "-f", "-")).Ok();
        var uid = (await K.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.uid}")).Ok();
        (await K.RunAsync($$"""
            apiVersion: v1
            kind: Event
            metadata:
              name: web.scheduled
            involvedObject:
              kind: Pod
              name: web
              namespace: {{ns}}
              uid: {{uid}}
            reason: Scheduled
            message: Successfully assigned {{ns}}/web to node-1
            type: Normal
            source:
              component: default-scheduler
            count: 1
            firstTimestamp: "2026-01-01T00:00:00Z"
            lastTimestamp: "2026-01-01T00:00:00Z"
            """, TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-")).Ok();

        // Column widths vary with content: compare with runs of spaces folded.
        var described = System.Text.RegularExpressions.Regex.Replace(
            (await K.RunAsync("describe", "pod", "web", "-n", ns)).Ok(), " +", " ");

        Assert.Contains("Name: web\n", described);
        Assert.Contains($"Namespace: {ns}\n", described);
        Assert.Contains("Image: busybox:1.36", described);
        Assert.Contains("Normal Scheduled", described);
        Assert.Contains($"default-scheduler Successfully assigned {ns}/web to node-1", described);
    }

    [Fact]
    public async Task Bad_input_gets_the_right_error_and_changes_nothing()
    {
        var ns = await NamespaceAsync("e2e-bad");
        var invalid = await K.RunAsync(Pod("Bad_Name"), TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-");
        var unknownField = await K.RunAsync(Pod("typo").Replace("image:", "imagee:"), TimeSpan.FromSeconds(60), "create", "-n", ns, "-f", "-");
        var noNamespace = await K.RunAsync(Pod("web"), TimeSpan.FromSeconds(60), "create", "-n", "nope", "-f", "-");

        Assert.Contains("is invalid", invalid.Error);
        Assert.Contains("metadata.name", invalid.Error);
        Assert.Contains("unknown field \"spec.containers[0].imagee\"", unknownField.Error);
        Assert.Contains("namespaces \"nope\" not found", noNamespace.Error);
        Assert.Equal("", (await K.RunAsync("get", "pods", "-n", ns, "-o", "name")).Ok().Trim());
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();

    private static int Count(List<string> lines, Func<string, bool> predicate)
    {
        lock (lines)
        {
            return lines.Count(predicate);
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
