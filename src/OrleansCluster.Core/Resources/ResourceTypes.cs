using System.Collections.Frozen;
using k8s;
using k8s.Models;

namespace OrleansCluster.Core.Resources;

/// <summary>The registry of kinds the control plane serves.</summary>
public static class ResourceTypes
{
    private static readonly IReadOnlyDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>> NoFields =
        FrozenDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>>.Empty;

    public static readonly ResourceType Namespace = new(
        "", "v1", "Namespace", "namespaces", "namespace", Namespaced: false, typeof(V1Namespace), ["ns"],
        Fields<V1Namespace>(("status.phase", o => o.Status?.Phase)));

    public static readonly ResourceType Pod = new(
        "", "v1", "Pod", "pods", "pod", Namespaced: true, typeof(V1Pod), ["po"],
        Fields<V1Pod>(
            ("spec.nodeName", o => o.Spec?.NodeName),
            ("spec.restartPolicy", o => o.Spec?.RestartPolicy),
            ("spec.schedulerName", o => o.Spec?.SchedulerName),
            ("spec.serviceAccountName", o => o.Spec?.ServiceAccountName),
            ("spec.hostNetwork", o => (o.Spec?.HostNetwork ?? false) ? "true" : "false"),
            ("status.phase", o => o.Status?.Phase),
            ("status.podIP", o => o.Status?.PodIP),
            ("status.nominatedNodeName", o => o.Status?.NominatedNodeName)));

    public static readonly ResourceType Service = new(
        "", "v1", "Service", "services", "service", Namespaced: true, typeof(V1Service), ["svc"], NoFields);

    public static readonly ResourceType Node = new(
        "", "v1", "Node", "nodes", "node", Namespaced: false, typeof(V1Node), ["no"],
        Fields<V1Node>(("spec.unschedulable", o => (o.Spec?.Unschedulable ?? false) ? "true" : "false")));

    public static readonly ResourceType Event = new(
        "", "v1", "Event", "events", "event", Namespaced: true, typeof(Corev1Event), ["ev"],
        Fields<Corev1Event>(
            ("involvedObject.kind", o => o.InvolvedObject?.Kind),
            ("involvedObject.namespace", o => o.InvolvedObject?.NamespaceProperty),
            ("involvedObject.name", o => o.InvolvedObject?.Name),
            ("involvedObject.uid", o => o.InvolvedObject?.Uid),
            ("involvedObject.apiVersion", o => o.InvolvedObject?.ApiVersion),
            ("involvedObject.resourceVersion", o => o.InvolvedObject?.ResourceVersion),
            ("involvedObject.fieldPath", o => o.InvolvedObject?.FieldPath),
            ("reason", o => o.Reason),
            ("reportingComponent", o => o.ReportingComponent),
            ("source", o => o.Source?.Component),
            ("type", o => o.Type)));

    /// <summary>Node heartbeats (in <c>kube-node-lease</c>) and leader election, as in Kubernetes.</summary>
    public static readonly ResourceType Lease = new(
        "coordination.k8s.io", "v1", "Lease", "leases", "lease", Namespaced: true, typeof(V1Lease), [], NoFields);

    /// <summary>Every kind, in the order discovery lists them.</summary>
    public static readonly IReadOnlyList<ResourceType> All = [Namespace, Pod, Service, Node, Event, Lease];

    private static readonly FrozenDictionary<string, ResourceType> ByPlural =
        All.ToFrozenDictionary(t => t.Plural, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ResourceType> ByKind =
        All.ToFrozenDictionary(t => t.Kind, StringComparer.Ordinal);

    /// <summary>The kind served under <paramref name="plural"/> (e.g. <c>pods</c>), or null.</summary>
    public static ResourceType? FindByPlural(string plural) => ByPlural.GetValueOrDefault(plural);

    /// <summary>The kind named <paramref name="kind"/> (e.g. <c>Pod</c>), or null.</summary>
    public static ResourceType? FindByKind(string kind) => ByKind.GetValueOrDefault(kind);

    private static IReadOnlyDictionary<string, Func<IKubernetesObject<V1ObjectMeta>, string?>> Fields<T>(
        params (string Path, Func<T, string?> Read)[] fields)
        where T : IKubernetesObject<V1ObjectMeta> =>
        fields.ToFrozenDictionary(
            f => f.Path,
            f => (Func<IKubernetesObject<V1ObjectMeta>, string?>)(o => f.Read((T)o)),
            StringComparer.Ordinal);
}
