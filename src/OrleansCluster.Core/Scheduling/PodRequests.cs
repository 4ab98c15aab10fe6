using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// What a pod asks of a node, as the scheduler counts it: the sum over its containers, raised to what any
/// init container needs while it runs (beside the sidecars started before it), plus the pod overhead.
/// </summary>
public static class PodRequests
{
    /// <summary>What scoring assumes for a container that requests no cpu: 100m, as Kubernetes does.</summary>
    public const long DefaultMilliCpu = 100;

    /// <summary>What scoring assumes for a container that requests no memory: 200 MiB.</summary>
    public const long DefaultMemory = 200L * 1024 * 1024;

    /// <summary>The requests the fit filter checks.</summary>
    public static ResourceAmounts Compute(V1PodSpec? spec) => Compute(spec, nonZero: false);

    /// <summary>The requests scoring uses: a container without a cpu or memory request counts the defaults.</summary>
    public static ResourceAmounts ComputeNonZero(V1PodSpec? spec) => Compute(spec, nonZero: true);

    private static ResourceAmounts Compute(V1PodSpec? spec, bool nonZero)
    {
        var total = new ResourceAmounts();
        foreach (var container in spec?.Containers ?? [])
        {
            total.Add(Of(container, nonZero));
        }

        // Sidecars (restartable init containers) run for the pod's life, so they add to the total; an ordinary
        // init container runs alone beside the sidecars started before it, so only the peak counts.
        var sidecars = new ResourceAmounts();
        var initPeak = new ResourceAmounts();
        foreach (var container in spec?.InitContainers ?? [])
        {
            var own = Of(container, nonZero);
            if (container.RestartPolicy == "Always")
            {
                total.Add(own);
                sidecars.Add(own);
                initPeak.Max(sidecars);
            }
            else
            {
                own.Add(sidecars);
                initPeak.Max(own);
            }
        }

        total.Max(initPeak);
        if (spec?.Overhead is { Count: > 0 } overhead)
        {
            total.Add(ResourceAmounts.From(overhead));
        }

        return total;
    }

    private static ResourceAmounts Of(V1Container container, bool nonZero)
    {
        var amounts = ResourceAmounts.From(container.Resources?.Requests);
        if (nonZero)
        {
            var requests = container.Resources?.Requests;
            if (requests is null || !requests.ContainsKey(ResourceAmounts.Cpu))
            {
                amounts.Set(ResourceAmounts.Cpu, DefaultMilliCpu);
            }

            if (requests is null || !requests.ContainsKey(ResourceAmounts.Memory))
            {
                amounts.Set(ResourceAmounts.Memory, DefaultMemory);
            }
        }

        return amounts;
    }
}
