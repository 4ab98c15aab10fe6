using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>Per-container defaults, the same for init and app containers.</summary>
public static class ContainerDefaulter
{
    public const string TerminationMessagePath = "/dev/termination-log";

    public static void Apply(V1Container container, bool hostNetwork, bool requestsFromLimits = true)
    {
        container.TerminationMessagePath = Text.Or(container.TerminationMessagePath, TerminationMessagePath);
        container.TerminationMessagePolicy = Text.Or(container.TerminationMessagePolicy, "File");
        container.ImagePullPolicy = Text.Or(container.ImagePullPolicy, PullPolicyFor(container.Image ?? ""));

        foreach (var port in container.Ports ?? [])
        {
            port.Protocol = Text.Or(port.Protocol, "TCP");

            // With the host's network the container port is the host port; saying so lets the scheduler see the conflict.
            if (hostNetwork && port.HostPort is null or 0)
            {
                port.HostPort = port.ContainerPort;
            }
        }

        if (requestsFromLimits)
        {
            DefaultRequestsFromLimits(container.Resources);
        }
        foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
        {
            ApplyProbe(probe);
        }
    }

    /// <summary>
    /// A mutable tag (":latest", or none, which means latest) must be pulled every time to mean anything;
    /// a fixed tag or a digest may use the cached image.
    /// </summary>
    public static string PullPolicyFor(string image)
    {
        var at = image.IndexOf('@');
        var hasDigest = at >= 0;
        var reference = hasDigest ? image[..at] : image;
        var lastSegment = reference[(reference.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        var tag = colon >= 0 ? lastSegment[(colon + 1)..] : "";
        if (tag.Length == 0 && !hasDigest)
        {
            tag = "latest";
        }

        return tag == "latest" ? "Always" : "IfNotPresent";
    }

    // A limit without a request means "exactly this much", which is what the scheduler then reserves.
    private static void DefaultRequestsFromLimits(V1ResourceRequirements? resources)
    {
        if (resources?.Limits is not { Count: > 0 } limits)
        {
            return;
        }

        resources.Requests ??= new Dictionary<string, ResourceQuantity>();
        foreach (var (name, limit) in limits)
        {
            resources.Requests.TryAdd(name, limit);
        }
    }

    private static void ApplyProbe(V1Probe? probe)
    {
        if (probe is null)
        {
            return;
        }

        probe.TimeoutSeconds ??= 1;
        probe.PeriodSeconds ??= 10;
        probe.SuccessThreshold ??= 1;
        probe.FailureThreshold ??= 3;
        if (probe.HttpGet is { } http)
        {
            http.Path = Text.Or(http.Path, "/");
            http.Scheme = Text.Or(http.Scheme, "HTTP");
        }
    }
}
