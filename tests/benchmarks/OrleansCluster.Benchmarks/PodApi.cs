using OrleansCluster.Api;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// The few pod operations the phases need, so that each phase runs the same load through the client library and
/// through the HTTPS gateway. <see cref="Prefix"/> starts the names of an API's figures ("" for the library, whose
/// figure names predate the gateway; <c>http.</c> for the gateway).
/// </summary>
public interface IPodApi
{
    string Prefix { get; }

    /// <summary>Part of this API's namespace names, so the two never share objects ("" or <c>http-</c>).</summary>
    string NamespaceTag { get; }

    string Description { get; }

    Task EnsureNamespaceAsync(string name);

    /// <summary>Creates the pod; returns its resourceVersion as acknowledged.</summary>
    Task<string> CreateAsync(string ns, string name, IDictionary<string, string> labels);

    /// <summary>Applies a JSON merge patch.</summary>
    Task PatchAsync(string ns, string name, string mergePatch);

    /// <summary>Lists the pods the selector selects: how many, and the list's resourceVersion.</summary>
    Task<(int Count, string ResourceVersion)> ListAsync(string ns, string? labelSelector);

    /// <summary>
    /// Watches the namespace from <paramref name="resourceVersion"/>; calls <paramref name="received"/> with each
    /// event's resourceVersion as soon as it arrives. Returns when <paramref name="ct"/> is cancelled.
    /// </summary>
    Task WatchAsync(string ns, string resourceVersion, Action<string> received, CancellationToken ct);
}

/// <summary>The client library (<see cref="OrleansClusterClient"/>): Orleans calls to the silo's gateway port.</summary>
public sealed class LibraryPodApi(OrleansClusterClient client) : IPodApi
{
    public string Prefix => "";

    public string NamespaceTag => "";

    public string Description => "client library (Orleans client, typed V1Pod)";

    public Task EnsureNamespaceAsync(string name) => Pods.EnsureNamespaceAsync(client, name);

    public async Task<string> CreateAsync(string ns, string name, IDictionary<string, string> labels) =>
        (await client.Pods.CreateAsync(Pods.New(ns, name, labels))).Metadata.ResourceVersion;

    public Task PatchAsync(string ns, string name, string mergePatch) => client.Pods.PatchAsync(name, ns, mergePatch);

    public async Task<(int Count, string ResourceVersion)> ListAsync(string ns, string? labelSelector)
    {
        var list = await client.Pods.ListAsync(ns, labelSelector);
        return (list.Items.Count, list.ResourceVersion);
    }

    public async Task WatchAsync(string ns, string resourceVersion, Action<string> received, CancellationToken ct)
    {
        try
        {
            await foreach (var e in client.Pods.WatchAsync(ns, resourceVersion, ct: ct))
            {
                received(e.ResourceVersion);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by the phase.
        }
    }
}
