using k8s.Models;

namespace OrleansCluster.Core.NodeAgent;

/// <summary>A pod's <c>/etc/resolv.conf</c>: name servers, search domains and options.</summary>
public sealed record ResolverConfig(IReadOnlyList<string> Nameservers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);

/// <summary>
/// What a pod's resolver is configured with, by its <c>dnsPolicy</c> and <c>dnsConfig</c> as kubelet merges them, with
/// one difference: a pod never gets the host's resolvers, whatever its policy, so no lookup in a pod leaves the
/// machine unless the pod names a server itself (<c>dnsPolicy: None</c> with <c>dnsConfig.nameservers</c>). The
/// cluster's own servers are given by the caller; with none, the resolver is the pod's loopback, where nothing answers,
/// so a lookup fails at once instead of going out.
/// </summary>
public static class PodResolver
{
    public const string ClusterDomain = "cluster.local";

    /// <summary>The server a pod is given while the cluster serves no DNS: its own loopback.</summary>
    public const string NoServer = "127.0.0.1";

    private const int MaxNameservers = 3;
    private const int MaxSearches = 32;

    public static ResolverConfig For(V1Pod pod, IReadOnlyList<string> clusterServers, string domain = ClusterDomain)
    {
        var nameservers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        if (pod.Spec.DnsPolicy != "None")
        {
            nameservers.AddRange(clusterServers);
            var ns = pod.Metadata.NamespaceProperty;
            searches.AddRange([$"{ns}.svc.{domain}", $"svc.{domain}", domain]);
            options.Add("ndots:5");
        }

        var config = pod.Spec.DnsConfig;
        Append(nameservers, config?.Nameservers, MaxNameservers);
        Append(searches, config?.Searches, MaxSearches);
        foreach (var option in config?.Options ?? [])
        {
            options.RemoveAll(o => Name(o) == option.Name);
            options.Add(option.Value is null ? option.Name : $"{option.Name}:{option.Value}");
        }

        if (nameservers.Count == 0)
        {
            nameservers.Add(NoServer);
        }

        return new ResolverConfig(nameservers, searches, options);
    }

    private static void Append(List<string> into, IEnumerable<string>? items, int limit)
    {
        foreach (var item in items ?? [])
        {
            if (into.Count < limit && !into.Contains(item, StringComparer.Ordinal))
            {
                into.Add(item);
            }
        }
    }

    private static string Name(string option) => option.Split(':', 2)[0];
}
