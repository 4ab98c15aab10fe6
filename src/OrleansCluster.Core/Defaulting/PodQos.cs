using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// The pod's quality-of-service class, from the cpu and memory of all its containers: Guaranteed when every
/// container limits both and requests equal limits, BestEffort when nothing is requested or limited,
/// Burstable otherwise. The kubelet evicts in the reverse order.
/// </summary>
public static class PodQos
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";

    private static readonly string[] QosResources = ["cpu", "memory"];

    public static string Compute(V1PodSpec? spec)
    {
        var containers = (spec?.InitContainers ?? []).Concat(spec?.Containers ?? []).ToList();
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in containers)
        {
            Add(requests, container.Resources?.Requests);
            var limited = Add(limits, container.Resources?.Limits);
            if (!QosResources.All(limited.Contains))
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return BestEffort;
        }

        var requestsMatchLimits = requests.All(r => limits.TryGetValue(r.Key, out var l) && l == r.Value);
        return guaranteed && requestsMatchLimits && requests.Count == limits.Count ? Guaranteed : Burstable;
    }

    // Sums the positive cpu and memory amounts; returns which of them this container sets.
    private static HashSet<string> Add(Dictionary<string, decimal> totals, IDictionary<string, ResourceQuantity>? amounts)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in QosResources)
        {
            if (amounts?.TryGetValue(name, out var quantity) == true && quantity is not null && quantity.ToDecimal() > 0)
            {
                totals[name] = totals.GetValueOrDefault(name) + quantity.ToDecimal();
                set.Add(name);
            }
        }

        return set;
    }
}
