namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// The pod's requests must fit in what the node's allocatable leaves after the pods already on it, for cpu,
/// memory, ephemeral-storage, extended resources and the pod count. Every short resource is a reason.
/// </summary>
public sealed class NodeResourcesFitFilter : IFilterPlugin
{
    public const string Name = "NodeResourcesFit";
    public const string ErrReasonTooManyPods = "Too many pods";
    public const string InsufficientPrefix = "Insufficient ";

    string IFilterPlugin.Name => Name;

    public static string Insufficient(string resource) => InsufficientPrefix + resource;

    public FilterStatus? Filter(PodInfo pod, NodeInfo node, object? state)
    {
        List<string>? reasons = null;
        if (node.Pods.Count + 1 > node.AllowedPods)
        {
            (reasons ??= []).Add(ErrReasonTooManyPods);
        }

        var want = pod.Requests;
        if (!want.IsZero)
        {
            var have = node.Allocatable;
            var used = node.Requested;
            Check(ref reasons, ResourceAmounts.Cpu, want.MilliCpu, have.MilliCpu - used.MilliCpu);
            Check(ref reasons, ResourceAmounts.Memory, want.Bytes, have.Bytes - used.Bytes);
            Check(ref reasons, ResourceAmounts.EphemeralStorage, want.EphemeralBytes, have.EphemeralBytes - used.EphemeralBytes);
            if (want.Scalars is { } scalars)
            {
                foreach (var (name, amount) in scalars)
                {
                    Check(ref reasons, name, amount, have.Get(name) - used.Get(name));
                }
            }
        }

        return reasons is null ? null : new FilterStatus(reasons, Resolvable: true);
    }

    private static void Check(ref List<string>? reasons, string name, long wanted, long free)
    {
        if (wanted > 0 && wanted > free)
        {
            (reasons ??= []).Add(Insufficient(name));
        }
    }
}
