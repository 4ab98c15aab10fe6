namespace OrleansCluster.Runtime;

/// <summary>
/// Labels on every sandbox and container, so the engine itself records which pod and node each belongs to
/// (the names dockershim used, plus the node).
/// </summary>
public static class RuntimeLabels
{
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodName = "io.kubernetes.pod.name";
    public const string ContainerName = "io.kubernetes.container.name";
    public const string Attempt = "io.kubernetes.container.restartCount";
    /// <summary><see cref="TypeSandbox"/> or <see cref="TypeContainer"/>.</summary>
    public const string Type = "io.kubernetes.docker.type";
    public const string SandboxId = "io.kubernetes.sandbox.id";
    public const string Node = "orleanscluster.node";

    public const string TypeSandbox = "podsandbox";
    public const string TypeContainer = "container";

    /// <summary>The labels every object of the pod carries, plus the caller's.</summary>
    internal static Dictionary<string, string> For(string node, PodRef pod, IReadOnlyDictionary<string, string>? extra)
    {
        var labels = extra is null ? new Dictionary<string, string>() : new Dictionary<string, string>(extra);
        labels[Node] = node;
        labels[PodUid] = pod.Uid;
        labels[PodNamespace] = pod.Namespace;
        labels[PodName] = pod.Name;
        return labels;
    }

    internal static PodRef Pod(IDictionary<string, string>? labels) => labels is null ? new("", "", "") : new(
        labels.TryGetValue(PodNamespace, out var ns) ? ns : "",
        labels.TryGetValue(PodName, out var name) ? name : "",
        labels.TryGetValue(PodUid, out var uid) ? uid : "");

    internal static int AttemptOf(IDictionary<string, string>? labels) => labels is not null &&
        labels.TryGetValue(Attempt, out var value) && int.TryParse(value, out var attempt) ? attempt : 0;

    /// <summary>Deterministic engine-side names (kubelet's <c>k8s_</c> scheme), unique per pod, container and attempt.</summary>
    internal static string SandboxName(PodRef pod, int attempt) => $"k8s_POD_{pod.Name}_{pod.Namespace}_{pod.Uid}_{attempt}";

    internal static string ContainerNameFor(PodRef pod, string container, int attempt) =>
        $"k8s_{container}_{pod.Name}_{pod.Namespace}_{pod.Uid}_{attempt}";
}
