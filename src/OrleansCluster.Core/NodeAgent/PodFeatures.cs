using k8s;
using k8s.Models;

namespace OrleansCluster.Core.NodeAgent;

/// <summary>
/// The parts of a pod's spec this node agent does not carry out yet, so that none is silently ignored. Those that would
/// make a container run wrong (a value or a file it expects missing, a step before it not run) keep it from starting:
/// it waits with <c>CreateContainerConfigError</c> and the message, as kubelet's container waits on a missing Secret.
/// Those it can run without (probes, hooks, security settings) are reported as warnings when it starts.
/// </summary>
public static class PodFeatures
{
    public const string ConfigError = "CreateContainerConfigError";

    /// <summary>Why <paramref name="container"/> cannot start yet; null when nothing stops it.</summary>
    public static string? Blocking(V1Pod pod, V1Container container)
    {
        // This cluster serves no Secrets or ConfigMaps yet, so every reference to one names one that does not exist:
        // kubelet's wording for a missing object. An optional reference to a missing object is skipped, as kubelet does.
        if (ConfigReferences(container).Where(r => r.Optional != true).Select(r => $"{r.Kind} \"{r.Name}\" not found").FirstOrDefault() is { } missing)
        {
            return missing;
        }

        if (pod.Spec.InitContainers is { Count: > 0 } init)
        {
            return $"init containers ({string.Join(", ", init.Select(c => c.Name))}) are not run by this cluster yet, so the pod's containers do not start";
        }

        var mounts = container.VolumeMounts ?? [];
        if (mounts.Count > 0)
        {
            var volumes = (pod.Spec.Volumes ?? []).ToDictionary(v => v.Name, StringComparer.Ordinal);
            var mount = mounts[0];
            var kind = volumes.TryGetValue(mount.Name, out var volume) ? VolumeKind(volume) : "undeclared";
            return $"volume \"{mount.Name}\" ({kind}) mounted at {mount.MountPath}: volumes are not supported by this cluster yet";
        }

        return null;
    }

    /// <summary>What the agent does not carry out for <paramref name="container"/> while it runs, one line each.</summary>
    public static IReadOnlyList<string> NotCarriedOut(V1Container container)
    {
        var notes = new List<string>();
        void Add(bool present, string what) => Note(notes, present, what);

        Add(container.LivenessProbe is not null, "livenessProbe is not run: the container is never restarted for failing it");
        Add(container.ReadinessProbe is not null, "readinessProbe is not run: the container counts as ready once it has started");
        Add(container.StartupProbe is not null, "startupProbe is not run: the container counts as started at once");
        Add(container.Lifecycle?.PostStart is not null, "lifecycle.postStart is not run");
        Add(container.Lifecycle?.PreStop is not null, "lifecycle.preStop is not run: stopping sends SIGTERM at once");
        Add(HasSettings(container.SecurityContext), "securityContext is not applied: the container runs with the image's user and Docker's default privileges");
        return notes;
    }

    /// <summary>What the agent does not carry out for the pod as a whole (its sandbox), one line each.</summary>
    public static IReadOnlyList<string> NotCarriedOut(V1Pod pod)
    {
        var notes = new List<string>();
        void Add(bool present, string what) => Note(notes, present, what);

        Add(HasSettings(pod.Spec.SecurityContext),
            "the pod's securityContext is not applied: containers run with the image's user and Docker's default privileges");
        Add(pod.Spec.HostPID == true, "hostPID is not applied: the pod has its own process namespace");
        Add(pod.Spec.HostIPC == true, "hostIPC is not applied: the pod has its own IPC namespace");
        Add(pod.Spec.ShareProcessNamespace == true, "shareProcessNamespace is not applied: each container sees only its own processes");
        Add(pod.Spec.DnsPolicy == "Default",
            "dnsPolicy Default is not honoured: pods never get the host's resolvers here, so the pod gets the cluster's resolver configuration");
        return notes;
    }

    private static void Note(List<string> notes, bool present, string what)
    {
        if (present)
        {
            notes.Add(what);
        }
    }

    /// <summary>The Secrets and ConfigMaps a container's environment refers to, in order.</summary>
    private static IEnumerable<(string Kind, string Name, bool? Optional)> ConfigReferences(V1Container container)
    {
        foreach (var env in container.Env ?? [])
        {
            if (env.ValueFrom?.SecretKeyRef is { } secret)
            {
                yield return ("secret", secret.Name, secret.Optional);
            }

            if (env.ValueFrom?.ConfigMapKeyRef is { } map)
            {
                yield return ("configmap", map.Name, map.Optional);
            }
        }

        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.SecretRef is { } secret)
            {
                yield return ("secret", secret.Name, secret.Optional);
            }

            if (from.ConfigMapRef is { } map)
            {
                yield return ("configmap", map.Name, map.Optional);
            }
        }
    }

    /// <summary>Whether a security context sets anything (Kubernetes defaults the pod's to an empty one).</summary>
    private static bool HasSettings(object? context) => context is not null && KubernetesJson.Serialize(context) != "{}";

    private static string VolumeKind(V1Volume v) => v switch
    {
        { EmptyDir: not null } => "emptyDir",
        { ConfigMap: not null } => "configMap",
        { Secret: not null } => "secret",
        { HostPath: not null } => "hostPath",
        { Projected: not null } => "projected",
        { DownwardAPI: not null } => "downwardAPI",
        { PersistentVolumeClaim: not null } => "persistentVolumeClaim",
        _ => "unsupported type",
    };
}
