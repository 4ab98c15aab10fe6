using k8s.Models;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Replicas;
using OrleansCluster.Core.Selectors;

namespace OrleansCluster.Core.Tests.Controllers;

/// <summary>Owners and pods for the replica planner's tests.</summary>
internal static class ReplicaPods
{
    public static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    public static ReplicaOwner Owner(int replicas, int minReadySeconds = 0, bool deleting = false, string uid = "rs-uid") => new(
        "apps/v1", "ReplicaSet", "ns", "web", uid, Generation: 3, replicas,
        LabelSelector.Parse("app=web"),
        new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        },
        minReadySeconds, deleting);

    /// <summary>A pod; owned by <paramref name="ownerUid"/> when given (as controller).</summary>
    public static V1Pod Pod(string name, string? ownerUid = "rs-uid", string phase = "Running", bool ready = true,
        string? node = "node-1", DateTime? readySince = null, DateTime? created = null, int restarts = 0,
        IDictionary<string, string>? labels = null, bool deleting = false, string? cost = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            Uid = $"uid-{name}",
            Labels = labels ?? new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" },
            Annotations = cost is null ? null : new Dictionary<string, string> { [PodDeletionOrder.DeletionCostAnnotation] = cost },
            CreationTimestamp = created ?? Now.AddHours(-1),
            DeletionTimestamp = deleting ? Now : null,
            OwnerReferences = ownerUid is null ? null : [OwnerReferences.ControllerReference("apps/v1", "ReplicaSet", "web", ownerUid)],
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = readySince ?? Now.AddMinutes(-30) }],
            ContainerStatuses = [new V1ContainerStatus { Name = "c", RestartCount = restarts }],
        },
    };
}
