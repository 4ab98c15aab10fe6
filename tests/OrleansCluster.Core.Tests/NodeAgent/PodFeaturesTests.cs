using k8s.Models;
using OrleansCluster.Core.NodeAgent;
using static OrleansCluster.Core.NodeAgent.AgentAction;

namespace OrleansCluster.Core.Tests.NodeAgent;

/// <summary>What the node agent does not carry out is reported, never silently skipped.</summary>
public sealed class PodFeaturesTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    private static V1Pod Pod(Action<V1Container>? container = null, Action<V1PodSpec>? spec = null)
    {
        var main = new V1Container { Name = "main", Image = "img:1", ImagePullPolicy = "IfNotPresent" };
        container?.Invoke(main);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u1" },
            Spec = new V1PodSpec { Containers = [main], SecurityContext = new V1PodSecurityContext() },
        };
        spec?.Invoke(pod.Spec);
        return pod;
    }

    private static V1EnvVar FromSecret(string secret, bool? optional = null) =>
        new() { Name = "A", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = "k", Name = secret, Optional = optional } } };

    [Fact]
    public void A_container_naming_a_missing_secret_waits_with_kubelets_error_and_is_not_started()
    {
        var plan = PodReconciler.Reconcile(Pod(c => c.Env = [new V1EnvVar { Name = "PLAIN", Value = "1" }, FromSecret("db")]),
            ObservedPod.Nothing, _ => new ObservedImage(true), Now);

        Assert.DoesNotContain(plan.Actions, a => a is StartContainer);
        var view = Assert.Single(plan.Containers);
        Assert.Equal(("CreateContainerConfigError", "secret \"db\" not found"), (view.WaitingReason, view.WaitingMessage));
    }

    [Fact]
    public void Config_maps_and_env_from_are_reported_the_same_way()
    {
        var fromMap = Pod(c => c.Env = [new V1EnvVar { Name = "A", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = "k", Name = "cfg" } } }]);
        var envFrom = Pod(c => c.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "creds" } }]);

        Assert.Equal("configmap \"cfg\" not found", PodFeatures.Blocking(fromMap, fromMap.Spec.Containers[0]));
        Assert.Equal("secret \"creds\" not found", PodFeatures.Blocking(envFrom, envFrom.Spec.Containers[0]));
    }

    [Fact]
    public void An_optional_reference_to_a_missing_object_is_skipped_as_kubelet_does()
    {
        var pod = Pod(c =>
        {
            c.Env = [FromSecret("db", optional: true)];
            c.EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "cfg", Optional = true } }];
        });

        Assert.Null(PodFeatures.Blocking(pod, pod.Spec.Containers[0]));
    }

    [Fact]
    public void A_mounted_volume_keeps_the_container_from_starting_and_names_the_volume()
    {
        var pod = Pod(c => c.VolumeMounts = [new V1VolumeMount { MountPath = "/data", Name = "scratch" }],
            s => s.Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }]);

        Assert.Equal("volume \"scratch\" (emptyDir) mounted at /data: volumes are not supported by this cluster yet",
            PodFeatures.Blocking(pod, pod.Spec.Containers[0]));
    }

    [Fact]
    public void Init_containers_keep_the_pods_containers_from_starting()
    {
        var pod = Pod(spec: s => s.InitContainers = [new V1Container { Name = "migrate", Image = "img:1" }]);

        Assert.Contains("init containers (migrate) are not run", PodFeatures.Blocking(pod, pod.Spec.Containers[0]));
    }

    [Fact]
    public void A_plain_pod_is_neither_blocked_nor_warned_about()
    {
        var pod = Pod(c => c.Env = [new V1EnvVar { Name = "A", Value = "1" }]);

        Assert.Null(PodFeatures.Blocking(pod, pod.Spec.Containers[0]));
        Assert.Empty(PodFeatures.NotCarriedOut(pod.Spec.Containers[0]));
        Assert.Empty(PodFeatures.NotCarriedOut(pod));
    }

    [Fact]
    public void Probes_hooks_and_security_settings_are_warned_about_but_do_not_block()
    {
        var pod = Pod(c =>
        {
            c.ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } };
            c.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["true"] } } };
            c.SecurityContext = new V1SecurityContext { RunAsNonRoot = true };
        }, s =>
        {
            s.SecurityContext = new V1PodSecurityContext { RunAsUser = 1000 };
            s.HostPID = true;
        });

        Assert.Null(PodFeatures.Blocking(pod, pod.Spec.Containers[0]));
        var notes = PodFeatures.NotCarriedOut(pod.Spec.Containers[0]).Concat(PodFeatures.NotCarriedOut(pod)).ToList();
        Assert.Equal(5, notes.Count);
        Assert.Contains(notes, n => n.StartsWith("readinessProbe is not run", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("lifecycle.preStop is not run", StringComparison.Ordinal));
    }
}
