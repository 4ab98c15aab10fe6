using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Registration;

/// <summary>
/// Keeps one node's Node object and Lease current, as kubelet's node status manager and lease controller do:
/// register (or re-register after a restart), renew the lease every few seconds, and report status when it changes
/// or when the heartbeat is due. Writes are optimistic: on a conflict it re-reads and tries again.
/// </summary>
public sealed class NodeRegistrar(OrleansClusterClient client, IContainerRuntime runtime, HostFacts facts, NodeOptions options, TimeProvider time)
{
    public const string LeaseNamespace = "kube-node-lease";
    private const int ConflictRetries = 5;

    private DateTime lastReport = DateTime.MinValue;

    public string NodeName => runtime.NodeName;

    /// <summary>Creates the Node (or brings an existing one up to date) and reports status now.</summary>
    public async Task RegisterAsync(CancellationToken ct)
    {
        await EnsureLeaseNamespaceAsync();
        var node = await GetOrCreateNodeAsync();
        if (NodeStatusFactory.Labels(NodeName, facts).Any(l => node.Metadata.Labels?.TryGetValue(l.Key, out var v) != true || v != l.Value))
        {
            // A node re-registering puts back the labels kubelet owns, keeping everyone else's.
            var labels = new Dictionary<string, string>(node.Metadata.Labels ?? new Dictionary<string, string>());
            foreach (var (key, value) in NodeStatusFactory.Labels(NodeName, facts))
            {
                labels[key] = value;
            }

            await client.Nodes.PatchAsync(NodeName, null, new { metadata = new { labels } });
        }

        await ReportStatusAsync(force: true, ct);
    }

    /// <summary>Writes the status when it changed or the heartbeat is due (<see cref="NodeOptions.StatusReportInterval"/>).</summary>
    public async Task ReportStatusAsync(bool force, CancellationToken ct)
    {
        var version = await runtime.GetVersionAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            // A deleted Node comes back at the next report, as kubelet registers it again.
            var node = await GetOrCreateNodeAsync();
            var now = time.GetUtcNow().UtcDateTime;
            var status = NodeStatusFactory.Status(NodeName, facts, version, options, node.Status, now);
            var due = now - lastReport >= options.StatusReportInterval;
            if (!force && !due && !NodeStatusFactory.DiffersBeyondHeartbeat(status, node.Status))
            {
                return;
            }

            node.Status = status;
            try
            {
                await client.Nodes.UpdateStatusAsync(node);
                lastReport = now;
                return;
            }
            catch (ApiException e) when (e.Code == 409 && attempt < ConflictRetries)
            {
                // Someone else wrote the node meanwhile (a label, a taint): read it again.
            }
        }
    }

    /// <summary>Renews (or creates) <c>kube-node-lease/&lt;node&gt;</c>, the cheap heartbeat the node lifecycle watches.</summary>
    public async Task RenewLeaseAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var now = time.GetUtcNow().UtcDateTime;
            var lease = await client.Leases.GetAsync(NodeName, LeaseNamespace);
            try
            {
                if (lease is null)
                {
                    await client.Leases.CreateAsync(new V1Lease
                    {
                        ApiVersion = "coordination.k8s.io/v1",
                        Kind = "Lease",
                        Metadata = new V1ObjectMeta { Name = NodeName, NamespaceProperty = LeaseNamespace },
                        Spec = Spec(new V1LeaseSpec(), now),
                    });
                }
                else
                {
                    lease.Spec = Spec(lease.Spec ?? new V1LeaseSpec(), now);
                    await client.Leases.UpdateAsync(lease);
                }

                return;
            }
            catch (ApiException e) when (e.Reason is "Conflict" or "AlreadyExists" && attempt < ConflictRetries)
            {
                // Raced with ourselves after a restart, or with a reader's write: read again.
            }
            catch (ApiException e) when (e.Code == 404 && lease is null && attempt < ConflictRetries)
            {
                await EnsureLeaseNamespaceAsync();
            }
        }
    }

    private async Task<V1Node> GetOrCreateNodeAsync()
    {
        if (await client.Nodes.GetAsync(NodeName) is { } existing)
        {
            return existing;
        }

        try
        {
            return await client.Nodes.CreateAsync(NodeStatusFactory.NewNode(NodeName, facts));
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            return await client.Nodes.GetAsync(NodeName) ?? throw ApiException.NotFound("nodes", NodeName);
        }
    }

    private V1LeaseSpec Spec(V1LeaseSpec spec, DateTime now)
    {
        spec.HolderIdentity = NodeName;
        spec.LeaseDurationSeconds = options.LeaseDurationSeconds;
        spec.RenewTime = now;
        return spec;
    }

    private async Task EnsureLeaseNamespaceAsync()
    {
        try
        {
            await client.Namespaces.CreateAsync(new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = LeaseNamespace },
            });
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
        }
    }
}
