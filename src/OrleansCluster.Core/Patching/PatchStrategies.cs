using System.Collections.Frozen;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// How a strategic merge patch treats one list: merged element by element (objects matched on
/// <see cref="MergeKey"/>, or primitives merged as a set when it is <c>null</c>). Lists absent from the table are replaced whole.
/// </summary>
public sealed record ListStrategy(string? MergeKey)
{
    /// <summary>A list of primitives merged as a set (<c>patchStrategy:"merge"</c> without a merge key).</summary>
    public static readonly ListStrategy Primitives = new((string?)null);

    /// <summary>A list of objects merged by the value of <paramref name="key"/>.</summary>
    public static ListStrategy By(string key) => new(key);
}

/// <summary>
/// The lists that merge rather than replace, per kind, keyed by a dotted field path from the object root in
/// which list elements are transparent (<c>spec.template.spec.containers.env</c> is every container's env).
/// Every entry mirrors a <c>patchStrategy:"merge" patchMergeKey:"…"</c> struct tag of the Kubernetes API types
/// (k8s.io/api core/v1, apps/v1, batch/v1 and apimachinery meta/v1 <c>types.go</c>); the comments name the Go type.
/// Lists with no strategy tag (tolerations, args, command, envFrom, node taints, namespace finalizers, …) are absent and so atomic.
/// <c>patchStrategy:"retainKeys"</c> (volumes, Deployment <c>spec.strategy</c>) needs no entry: the client sends <c>$retainKeys</c>.
/// </summary>
public static class PatchStrategies
{
    // Paths relative to a PodSpec.
    private static readonly (string Path, ListStrategy Strategy)[] PodSpec =
    [
        ("volumes", ListStrategy.By("name")),                   // PodSpec.Volumes (merge,retainKeys)
        ("imagePullSecrets", ListStrategy.By("name")),          // PodSpec.ImagePullSecrets
        ("hostAliases", ListStrategy.By("ip")),                 // PodSpec.HostAliases
        ("topologySpreadConstraints", ListStrategy.By("topologyKey")), // PodSpec.TopologySpreadConstraints
        ("resourceClaims", ListStrategy.By("name")),            // PodSpec.ResourceClaims (merge,retainKeys)
        ("schedulingGates", ListStrategy.By("name")),           // PodSpec.SchedulingGates
        .. ContainerLists("containers"),                        // PodSpec.Containers
        .. ContainerLists("initContainers"),                    // PodSpec.InitContainers
        .. ContainerLists("ephemeralContainers"),               // PodSpec.EphemeralContainers (EphemeralContainerCommon)
    ];

    // Paths relative to a PodStatus.
    private static readonly (string Path, ListStrategy Strategy)[] PodStatus =
    [
        ("podIPs", ListStrategy.By("ip")),                      // PodStatus.PodIPs
        ("hostIPs", ListStrategy.By("ip")),                     // PodStatus.HostIPs
        ("resourceClaimStatuses", ListStrategy.By("name")),     // PodStatus.ResourceClaimStatuses (merge,retainKeys)
    ];

    // Paths every kind has.
    private static readonly (string Path, ListStrategy Strategy)[] Common =
    [
        ("metadata.finalizers", ListStrategy.Primitives),       // ObjectMeta.Finalizers
        ("metadata.ownerReferences", ListStrategy.By("uid")),   // ObjectMeta.OwnerReferences
        ("status.conditions", ListStrategy.By("type")),         // Pod/Node/Namespace/Service/Deployment/ReplicaSet/… Status.Conditions
    ];

    // Where each workload kind keeps its PodSpec.
    private static readonly Dictionary<string, string> PodSpecRoots = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pod"] = "spec",
        ["PodTemplate"] = "template.spec",
        ["ReplicationController"] = "spec.template.spec",
        ["ReplicaSet"] = "spec.template.spec",
        ["Deployment"] = "spec.template.spec",
        ["StatefulSet"] = "spec.template.spec",
        ["DaemonSet"] = "spec.template.spec",
        ["Job"] = "spec.template.spec",
        ["CronJob"] = "spec.jobTemplate.spec.template.spec",
    };

    // Kind-specific lists outside pod specs.
    private static readonly Dictionary<string, (string Path, ListStrategy Strategy)[]> KindLists = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pod"] = [.. PodStatus.Select(e => ("status." + e.Path, e.Strategy))],
        ["Service"] = [("spec.ports", ListStrategy.By("port"))],   // ServiceSpec.Ports
        ["Node"] =
        [
            ("spec.podCIDRs", ListStrategy.Primitives),             // NodeSpec.PodCIDRs
            ("status.addresses", ListStrategy.By("type")),          // NodeStatus.Addresses
        ],
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FrozenDictionary<string, ListStrategy>> Tables =
        new(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, ListStrategy> CommonOnly = Build("");

    /// <summary>The merge table of <paramref name="kind"/> (case-insensitive); an unknown kind gets only the common metadata and conditions lists.</summary>
    public static IReadOnlyDictionary<string, ListStrategy> For(string kind) =>
        PodSpecRoots.ContainsKey(kind) || KindLists.ContainsKey(kind) ? Tables.GetOrAdd(kind, Build) : CommonOnly;

    /// <summary>The strategy of the list at <paramref name="path"/>, or <c>null</c> when it is replaced whole.</summary>
    public static ListStrategy? Find(this IReadOnlyDictionary<string, ListStrategy> table, string path) =>
        table.TryGetValue(path, out var strategy) ? strategy : null;

    private static FrozenDictionary<string, ListStrategy> Build(string kind)
    {
        var entries = new Dictionary<string, ListStrategy>();
        foreach (var (path, strategy) in Common)
        {
            entries[path] = strategy;
        }

        if (PodSpecRoots.TryGetValue(kind, out var root))
        {
            foreach (var (path, strategy) in PodSpec)
            {
                entries[root + "." + path] = strategy;
            }
        }

        if (KindLists.TryGetValue(kind, out var lists))
        {
            foreach (var (path, strategy) in lists)
            {
                entries[path] = strategy;
            }
        }

        return entries.ToFrozenDictionary();
    }

    private static IEnumerable<(string, ListStrategy)> ContainerLists(string field) =>
    [
        (field, ListStrategy.By("name")),
        (field + ".ports", ListStrategy.By("containerPort")),   // Container.Ports
        (field + ".env", ListStrategy.By("name")),              // Container.Env
        (field + ".volumeMounts", ListStrategy.By("mountPath")), // Container.VolumeMounts
        (field + ".volumeDevices", ListStrategy.By("devicePath")), // Container.VolumeDevices
    ];
}
