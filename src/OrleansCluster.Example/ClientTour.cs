using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Example;

/// <summary>What the tour did: the namespace it worked in and the watch events it saw.</summary>
public sealed record TourResult(string Namespace, IReadOnlyList<string> WatchEvents);

/// <summary>
/// A tour of the client library: create a namespace, a pod and a service; list pods by label; watch from the
/// list's resourceVersion while a label is patched and the pod deleted; delete the namespace.
/// </summary>
public sealed class ClientTour(OrleansClusterClient client, TextWriter output)
{
    private const string Selector = "app=web";
    private static readonly TimeSpan WatchDeadline = TimeSpan.FromSeconds(20);

    public async Task<TourResult> RunAsync(CancellationToken ct)
    {
        // generateName: every run gets its own namespace, even while an earlier one is still terminating.
        var ns = await client.Namespaces.CreateAsync(new V1Namespace { Metadata = new() { GenerateName = "example-" } });
        var name = ns.Metadata.Name;
        output.WriteLine($"created namespace {name}");

        var pod = await client.Pods.CreateAsync(Manifests.Pod(name));
        output.WriteLine($"created pod {name}/{pod.Metadata.Name} (uid {pod.Metadata.Uid}, resourceVersion {pod.Metadata.ResourceVersion})");
        var service = await client.Services.CreateAsync(Manifests.Service(name));
        output.WriteLine($"created service {name}/{service.Metadata.Name} ({service.Spec.Type}, port {service.Spec.Ports[0].Port})");

        var list = await client.Pods.ListAsync(name, labelSelector: Selector);
        output.WriteLine($"listed {list.Items.Count} pod(s) with {Selector} at resourceVersion {list.ResourceVersion}: "
            + string.Join(", ", list.Items.Select(p => p.Metadata.Name)));

        // From the list's resourceVersion the watch sees exactly the changes after the list, however late it starts.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(WatchDeadline);
        var watching = CollectAsync(client.Pods.WatchAsync(name, list.ResourceVersion, Selector, ct: stop.Token));

        var patched = await client.Pods.PatchAsync(pod.Metadata.Name, name,
            new { metadata = new { labels = new Dictionary<string, string> { ["tier"] = "frontend" } } });
        output.WriteLine($"patched pod {patched.Metadata.Name}: labels {Labels(patched)} (resourceVersion {patched.Metadata.ResourceVersion})");

        var (_, removed) = await client.Pods.DeleteAsync(pod.Metadata.Name, name);
        output.WriteLine($"deleted pod {pod.Metadata.Name} (removed: {removed})");

        var events = await watching;
        output.WriteLine($"the watch saw {events.Count} event(s):");
        foreach (var e in events)
        {
            output.WriteLine($"  {e}");
        }

        var (deleted, _) = await client.Namespaces.DeleteAsync(name);
        output.WriteLine($"deleted namespace {name} (phase {deleted.Status?.Phase}; the namespace controller removes what is left in it)");
        return new TourResult(name, events);
    }

    /// <summary>The events until the pod's DELETED (or the deadline), as "TYPE name labels resourceVersion".</summary>
    private static async Task<List<string>> CollectAsync(IAsyncEnumerable<WatchEvent<V1Pod>> watch)
    {
        var seen = new List<string>();
        try
        {
            await foreach (var e in watch)
            {
                seen.Add($"{e.Type} pod {e.Object?.Metadata.Name} labels {(e.Object is null ? "" : Labels(e.Object))} resourceVersion {e.ResourceVersion}");
                if (e.Type == "DELETED")
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            seen.Add("(deadline reached before the DELETED event)");
        }

        return seen;
    }

    private static string Labels(V1Pod pod) =>
        string.Join(",", (pod.Metadata.Labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
}
