using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Tests.Scheduling;

/// <summary>Nodes and pods for scheduling tests: small defaults, everything else through an edit callback.</summary>
internal static class Make
{
    public static V1Node Node(string name, string cpu = "4", string memory = "8Gi", int pods = 110, Action<V1Node>? edit = null)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [AffinityTerm.HostnameKey] = name },
            },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus
            {
                Allocatable = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(cpu),
                    ["memory"] = new(memory),
                    ["pods"] = new(pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                },
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            },
        };
        edit?.Invoke(node);
        return node;
    }

    public static V1Pod Pod(string name, string? cpu = null, string? memory = null, Action<V1Pod>? edit = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "c", Image = "busybox", Resources = new V1ResourceRequirements { Requests = requests } }],
            },
        };
        edit?.Invoke(pod);
        return pod;
    }

    public static void Label(this V1ObjectMeta meta, string key, string value) =>
        (meta.Labels ??= new Dictionary<string, string>())[key] = value;

    public static void Taint(this V1Node node, string key, string? value, string effect) =>
        (node.Spec.Taints ??= []).Add(new V1Taint { Key = key, Value = value, Effect = effect });

    public static void Tolerate(this V1Pod pod, string? key, string? op, string? value = null, string? effect = null) =>
        (pod.Spec.Tolerations ??= []).Add(new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect });

    public static void OwnedBy(this V1Pod pod, string uid) =>
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = uid, Controller = true }];

    public static void RequireNodeAffinity(this V1Pod pod, params V1NodeSelectorTerm[] terms) =>
        pod.NodeAffinity().RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms };

    public static void PreferNodeAffinity(this V1Pod pod, int weight, V1NodeSelectorTerm term) =>
        (pod.NodeAffinity().PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new V1PreferredSchedulingTerm { Weight = weight, Preference = term });

    public static V1NodeSelectorTerm Expr(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1NodeSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values }] };

    /// <summary>Required anti-affinity against pods labelled app=<paramref name="app"/>, per hostname unless told.</summary>
    public static void AvoidRequired(this V1Pod pod, string app, string topologyKey = AffinityTerm.HostnameKey) =>
        (pod.AntiAffinity().RequiredDuringSchedulingIgnoredDuringExecution ??= []).Add(Term(app, topologyKey));

    public static void AvoidPreferred(this V1Pod pod, string app, int weight, string topologyKey = AffinityTerm.HostnameKey) =>
        (pod.AntiAffinity().PreferredDuringSchedulingIgnoredDuringExecution ??= [])
            .Add(new V1WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = Term(app, topologyKey) });

    public static ClusterSnapshot Snapshot(params V1Node[] nodes) => ClusterSnapshot.Create(nodes, []);

    private static V1PodAffinityTerm Term(string app, string topologyKey) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
    };

    private static V1NodeAffinity NodeAffinity(this V1Pod pod) =>
        (pod.Spec.Affinity ??= new V1Affinity()).NodeAffinity ??= new V1NodeAffinity();

    private static V1PodAntiAffinity AntiAffinity(this V1Pod pod) =>
        (pod.Spec.Affinity ??= new V1Affinity()).PodAntiAffinity ??= new V1PodAntiAffinity();
}
