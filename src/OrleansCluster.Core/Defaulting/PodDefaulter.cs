using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>Pod defaults, plus what the API server sets only when a pod is created.</summary>
public static class PodDefaulter
{
    public const string DefaultScheduler = "default-scheduler";
    public const long DefaultTerminationGracePeriodSeconds = 30;

    public static void Apply(V1Pod pod)
    {
        var spec = pod.Spec ??= new V1PodSpec();
        ApplySpec(spec, template: false);
        spec.EnableServiceLinks ??= true;
    }

    /// <summary>
    /// The defaults of a pod spec, standalone or in a workload's pod template. As in Kubernetes, a template gets
    /// no <c>enableServiceLinks</c>, no requests copied from limits and no host-network host ports: those are the
    /// pod's own (SetDefaults_Pod).
    /// </summary>
    public static void ApplySpec(V1PodSpec spec, bool template)
    {
        spec.RestartPolicy = Text.Or(spec.RestartPolicy, "Always");
        spec.DnsPolicy = Text.Or(spec.DnsPolicy, "ClusterFirst");
        spec.SchedulerName = Text.Or(spec.SchedulerName, DefaultScheduler);
        spec.TerminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
        spec.SecurityContext ??= new V1PodSecurityContext();
        var hostNetwork = !template && (spec.HostNetwork ?? false);
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            ContainerDefaulter.Apply(container, hostNetwork, requestsFromLimits: !template);
        }
    }

    /// <summary>
    /// Defaults, then the create-time additions: priority (no priority classes exist here, so 0),
    /// default tolerations (<paramref name="tolerations"/>, else <see cref="TolerationDefaults.Default"/>), and a fresh
    /// Pending status whose QoS class is fixed for the pod's life.
    /// </summary>
    public static void ApplyCreate(V1Pod pod, TolerationDefaults? tolerations = null)
    {
        Apply(pod);
        var spec = pod.Spec!;
        spec.Priority ??= 0;
        spec.PreemptionPolicy = Text.Or(spec.PreemptionPolicy, "PreemptLowerPriority");
        DefaultTolerations.Apply(spec, tolerations ?? TolerationDefaults.Default);
        pod.Status = new V1PodStatus { Phase = "Pending", QosClass = PodQos.Compute(spec) };
    }

    /// <summary>A spec update never writes status; that has its own path.</summary>
    public static void ApplyUpdate(V1Pod newPod, V1Pod oldPod)
    {
        Apply(newPod);
        newPod.Status = oldPod.Status;
    }
}
