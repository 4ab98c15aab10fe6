using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// A pod as the scheduler reads it, computed once: its requests, and its placement rules in a form the hot
/// filter and score loops can test without allocating.
/// </summary>
public sealed class PodInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private PodInfo(V1Pod pod)
    {
        Pod = pod;
        Namespace = pod.Metadata?.NamespaceProperty ?? "default";
        Name = pod.Metadata?.Name ?? "";
        Key = pod.Metadata?.Uid is { Length: > 0 } uid ? uid : $"{Namespace}/{Name}";
        Labels = pod.Metadata?.Labels is { } labels ? labels.AsReadOnly() : NoLabels;
        Requests = PodRequests.Compute(pod.Spec);
        NonZeroRequests = PodRequests.ComputeNonZero(pod.Spec);
        SpreadKey = SpreadKeyOf(pod, Namespace);
        var affinity = pod.Spec?.Affinity;
        RequiredAntiAffinity = AffinityTerm.Required(
            affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, Namespace);
        PreferredAntiAffinity = AffinityTerm.Preferred(
            affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, Namespace);
    }

    public V1Pod Pod { get; }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The uid, or namespace/name for a pod not yet given one: how a snapshot finds it again.</summary>
    public string Key { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public ResourceAmounts Requests { get; }

    /// <summary>Requests with Kubernetes' defaults for containers that request no cpu or memory (for scoring).</summary>
    public ResourceAmounts NonZeroRequests { get; }

    /// <summary>Which pods this one spreads away from: its controller, else its exact labels; null for neither.</summary>
    public string? SpreadKey { get; }

    public IList<V1Toleration>? Tolerations => Pod.Spec?.Tolerations;

    public AffinityTerm[] RequiredAntiAffinity { get; }

    public AffinityTerm[] PreferredAntiAffinity { get; }

    public static PodInfo Create(V1Pod pod) => new(pod);

    private static string? SpreadKeyOf(V1Pod pod, string ns)
    {
        foreach (var owner in pod.Metadata?.OwnerReferences ?? [])
        {
            if (owner.Controller == true)
            {
                return "owner:" + owner.Uid;
            }
        }

        var labels = pod.Metadata?.Labels;
        if (labels is null || labels.Count == 0)
        {
            return null;
        }

        return "labels:" + ns + "/" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Key + "=" + l.Value));
    }
}
