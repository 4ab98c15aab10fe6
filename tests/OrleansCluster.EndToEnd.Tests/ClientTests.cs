using System.Diagnostics;
using k8s;
using k8s.Models;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>The official clients, configured only by the kubeconfig the cluster writes: C# (KubernetesClient) and Python.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class ClientTests(GatewayCluster cluster)
{
    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "client" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
    };

    [Fact]
    public async Task The_CSharp_client_lists_watches_creates_patches_and_deletes()
    {
        using var k8s = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
        await k8s.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "cs-client" } });
        var list = await k8s.CoreV1.ListNamespacedPodAsync("cs-client");
        Assert.Empty(list.Items);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            var stream = k8s.CoreV1.WatchListNamespacedPodAsync(
                "cs-client", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token);
            await foreach (var (type, pod) in stream)
            {
                events.Add((type, pod.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        var created = await k8s.CoreV1.CreateNamespacedPodAsync(Pod("web"), "cs-client");
        var patched = await k8s.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"front"}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "cs-client");
        await k8s.CoreV1.DeleteNamespacedPodAsync("web", "cs-client");
        await watching.WaitAsync(cts.Token);

        Assert.Equal("Pending", created.Status.Phase);
        Assert.Equal("front", patched.Metadata.Labels["tier"]);
        Assert.Equal([(WatchEventType.Added, "web"), (WatchEventType.Modified, "web"), (WatchEventType.Deleted, "web")], events);
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => k8s.CoreV1.ReadNamespacedPodAsync("web", "cs-client"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task The_Python_client_lists_and_watches()
    {
        (await cluster.Kubectl.RunAsync("create", "namespace", "py-client")).Ok();
        var script = Path.Combine(AppContext.BaseDirectory, "python", "list_watch.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, cluster.KubeconfigPath, "py-client", "py-web" })
        {
            info.ArgumentList.Add(arg);
        }

        using var python = Process.Start(info)!;
        var stderr = python.StandardError.ReadToEndAsync();
        var namespaces = await python.StandardOutput.ReadLineAsync();
        var ready = await python.StandardOutput.ReadLineAsync();
        if (ready?.StartsWith("ready ", StringComparison.Ordinal) != true)
        {
            python.Kill();
            Assert.Fail($"python: {namespaces}\n{ready}\n{await stderr}");
        }

        Assert.Contains("py-client", namespaces!.Split(' ')[1].Split(','));

        (await cluster.Kubectl.RunAsync("run", "py-web", "-n", "py-client", "--image=busybox:1.36", "--restart=Never")).Ok();
        (await cluster.Kubectl.RunAsync("delete", "pod", "py-web", "-n", "py-client")).Ok();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rest = await python.StandardOutput.ReadToEndAsync(cts.Token);
        await python.WaitForExitAsync(cts.Token);
        Assert.True(python.ExitCode == 0, $"python exited {python.ExitCode}: {rest}\n{await stderr}");
        Assert.Equal(["ADDED py-web", "DELETED py-web"], rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
