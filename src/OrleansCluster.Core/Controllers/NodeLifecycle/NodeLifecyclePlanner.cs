using k8s.Models;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Core.Controllers.NodeLifecycle;

/// <summary>What the node lifecycle controller does for one node in one pass.</summary>
/// <param name="Conditions">The node's conditions to write, when they change (its status reports Unknown).</param>
/// <param name="Taints">The node's taints to write, when they change.</param>
/// <param name="Evict">Pods to delete: they do not tolerate a NoExecute taint, or their toleration has run out.</param>
/// <param name="MarkNotReady">Pods whose Ready condition must become False (their node cannot vouch for them).</param>
/// <param name="RequeueAfter">When a heartbeat would be overdue, or a toleration run out.</param>
public sealed record NodeLifecyclePlan(
    IList<V1NodeCondition>? Conditions,
    IList<V1Taint>? Taints,
    IReadOnlyList<PodToEvict> Evict,
    IReadOnlyList<V1Pod> MarkNotReady,
    TimeSpan? RequeueAfter);

/// <summary>A pod to evict and why (the taint it does not tolerate).</summary>
public sealed record PodToEvict(string Namespace, string Name, string Uid, string Taint);

/// <summary>
/// Kubernetes' node lifecycle controller and NoExecute taint manager, as a pure function: a node whose kubelet has
/// not renewed its lease (nor posted its status) within the grace period is reported Unknown ("Kubelet stopped
/// posting node status."); a node that is not Ready carries <c>node.kubernetes.io/unreachable</c> (Unknown) or
/// <c>node.kubernetes.io/not-ready</c> (False) as NoSchedule and NoExecute taints, removed when it is Ready again; a
/// cordoned node (<c>spec.unschedulable</c>) carries <c>node.kubernetes.io/unschedulable</c> NoSchedule;
/// its pods are marked not ready; pods that do not tolerate a NoExecute taint are evicted at once, pods that tolerate
/// it for <c>tolerationSeconds</c> when that has passed since the taint was added. A node never heard from (no lease,
/// no Ready heartbeat) counts from its creation with the longer startup grace, as Kubernetes'
/// <c>--node-startup-grace-period</c>, and is left untainted until it reports Ready or that grace runs out.
/// </summary>
public static class NodeLifecyclePlanner
{
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    private static readonly string[] Managed = [Unreachable, NotReady, Unschedulable];
    private static readonly string[] ConditionsKubeletPosts = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <param name="lease">The node's lease in <c>kube-node-lease</c>, if any.</param>
    /// <param name="pods">The pods bound to the node.</param>
    /// <param name="grace">How long a node may be silent (<c>--node-monitor-grace-period</c>).</param>
    /// <param name="startupGrace">How long a node that never reported may be (<c>--node-startup-grace-period</c>); <paramref name="grace"/> when null.</param>
    public static NodeLifecyclePlan Plan(
        V1Node node, V1Lease? lease, IReadOnlyList<V1Pod> pods, TimeSpan grace, DateTime now, TimeSpan? startupGrace = null)
    {
        var conditions = node.Status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        var heard = new[] { lease?.Spec?.RenewTime, ready?.LastHeartbeatTime }.Max();
        var neverHeard = heard is null;
        if (neverHeard)
        {
            (heard, grace) = (node.Metadata?.CreationTimestamp, startupGrace ?? grace);
        }

        var silent = heard is null || heard.Value + grace < now;
        IList<V1NodeCondition>? newConditions = null;
        var readyStatus = ready?.Status;
        if (silent && ready?.Status != "Unknown")
        {
            newConditions = ReportUnknown(conditions, now, neverHeard);
            readyStatus = "Unknown";
        }

        var taints = (node.Spec?.Taints ?? []).ToList();
        var readiness = readyStatus switch
        {
            null => taints.Where(t => t.Key is Unreachable or NotReady).Select(t => (t.Key, t.Effect)).ToArray(),
            "True" => [],
            "Unknown" => [(Unreachable, Tolerations.NoSchedule), (Unreachable, Tolerations.NoExecute)],
            _ => [(NotReady, Tolerations.NoSchedule), (NotReady, Tolerations.NoExecute)],
        };
        (string Key, string Effect)[] cordoned = node.Spec?.Unschedulable == true ? [(Unschedulable, Tolerations.NoSchedule)] : [];
        var newTaints = Retaint(taints, [.. readiness, .. cordoned], now);

        var effective = newTaints ?? taints;
        var noExecute = effective.Where(t => t.Effect == Tolerations.NoExecute).ToList();
        var evict = new List<PodToEvict>();
        TimeSpan? next = silent || heard is null ? null : heard.Value + grace - now;
        foreach (var pod in pods.Where(p => p.Metadata?.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")))
        {
            foreach (var taint in noExecute)
            {
                var toleration = pod.Spec?.Tolerations?.Where(t => Tolerations.Tolerates(t, taint.Key, taint.Value, taint.Effect))
                    .OrderByDescending(t => t.TolerationSeconds ?? long.MaxValue).FirstOrDefault();
                var evictAt = toleration is null ? now
                    : toleration.TolerationSeconds is { } seconds ? (taint.TimeAdded ?? now).AddSeconds(Math.Max(0, seconds)) : (DateTime?)null;
                if (evictAt is { } at && at <= now)
                {
                    evict.Add(new PodToEvict(pod.Metadata!.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid, taint.Key));
                    break;
                }

                if (evictAt is { } later && (next is null || later - now < next))
                {
                    next = later - now;
                }
            }
        }

        var markNotReady = readyStatus is "True" or null ? [] : pods
            .Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Where(p => evict.All(e => e.Uid != p.Metadata?.Uid))
            .ToList();
        return new NodeLifecyclePlan(newConditions, newTaints, evict, markNotReady, next);
    }

    private static List<V1NodeCondition> ReportUnknown(IList<V1NodeCondition> conditions, DateTime now, bool neverHeard)
    {
        var (reason, message) = neverHeard
            ? ("NodeStatusNeverUpdated", "Kubelet never posted node status.")
            : ("NodeStatusUnknown", "Kubelet stopped posting node status.");
        var updated = conditions.Where(c => !ConditionsKubeletPosts.Contains(c.Type)).ToList();
        foreach (var type in ConditionsKubeletPosts)
        {
            var old = conditions.FirstOrDefault(c => c.Type == type);
            updated.Add(new V1NodeCondition
            {
                Type = type,
                Status = "Unknown",
                Reason = reason,
                Message = message,
                LastHeartbeatTime = old?.LastHeartbeatTime,
                LastTransitionTime = old?.Status == "Unknown" ? old.LastTransitionTime : now,
            });
        }

        return updated;
    }

    /// <summary>The taints with exactly the <paramref name="wanted"/> ones of the keys this controller manages (each kept
    /// with its timeAdded when already there); null when they already are.</summary>
    private static List<V1Taint>? Retaint(List<V1Taint> taints, IReadOnlyList<(string Key, string Effect)> wanted, DateTime now)
    {
        var others = taints.Where(t => !Managed.Contains(t.Key)).ToList();
        var managed = taints.Where(t => Managed.Contains(t.Key)).ToList();
        var target = wanted
            .Select(w => managed.FirstOrDefault(t => t.Key == w.Key && t.Effect == w.Effect)
                ?? new V1Taint { Key = w.Key, Effect = w.Effect, TimeAdded = now })
            .ToList();
        if (target.Count == managed.Count && target.All(managed.Contains))
        {
            return null;
        }

        return [.. others, .. target];
    }
}
