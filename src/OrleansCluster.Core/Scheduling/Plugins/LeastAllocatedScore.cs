namespace OrleansCluster.Core.Scheduling.Plugins;

/// <summary>
/// NodeResourcesFit's LeastAllocated strategy: prefers the node with the most cpu and memory left after the pod,
/// each resource scored (allocatable - requested) * 100 / allocatable and averaged by weight. Requests count
/// Kubernetes' defaults (100m, 200Mi) for containers that request nothing, so empty pods still spread.
/// </summary>
public sealed class LeastAllocatedScore : IScorePlugin
{
    public const string Name = "NodeResourcesFit";

    private readonly long cpuWeight;
    private readonly long memoryWeight;

    public LeastAllocatedScore(long cpuWeight = 1, long memoryWeight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpuWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryWeight);
        ArgumentOutOfRangeException.ThrowIfZero(cpuWeight + memoryWeight);
        this.cpuWeight = cpuWeight;
        this.memoryWeight = memoryWeight;
    }

    string IScorePlugin.Name => Name;

    public long Score(PodInfo pod, NodeInfo node, object? state)
    {
        var cpu = Free(node.Allocatable.MilliCpu, node.NonZeroRequested.MilliCpu + pod.NonZeroRequests.MilliCpu);
        var memory = Free(node.Allocatable.Bytes, node.NonZeroRequested.Bytes + pod.NonZeroRequests.Bytes);
        return ((cpu * cpuWeight) + (memory * memoryWeight)) / (cpuWeight + memoryWeight);
    }

    public void Normalize(Span<long> scores)
    {
        // Already 0..100.
    }

    private static long Free(long allocatable, long requested) =>
        allocatable <= 0 || requested > allocatable ? 0 : (allocatable - requested) * ScoreNormalization.MaxNodeScore / allocatable;
}
