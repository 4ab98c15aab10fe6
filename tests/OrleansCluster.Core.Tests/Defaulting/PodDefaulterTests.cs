using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Defaulting;

public sealed class PodDefaulterTests
{
    [Fact]
    public void Create_fills_the_spec_as_the_api_server_does()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx:1.27", Ports = [new() { ContainerPort = 80 }] });

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod);

        var spec = pod.Spec;
        Assert.Equal(
            ("Always", "ClusterFirst", "default-scheduler", 30L, true, "PreemptLowerPriority", 0),
            (spec.RestartPolicy, spec.DnsPolicy, spec.SchedulerName, spec.TerminationGracePeriodSeconds!.Value,
                spec.EnableServiceLinks!.Value, spec.PreemptionPolicy, spec.Priority!.Value));
        Assert.NotNull(spec.SecurityContext);
        var container = spec.Containers[0];
        Assert.Equal(
            ("/dev/termination-log", "File", "IfNotPresent", "TCP"),
            (container.TerminationMessagePath, container.TerminationMessagePolicy, container.ImagePullPolicy, container.Ports[0].Protocol));
        Assert.Equal(("Pending", "BestEffort"), (pod.Status.Phase, pod.Status.QosClass));
    }

    [Fact]
    public void A_defaulted_pod_is_valid()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx" });

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod);

        Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));
    }

    [Fact]
    public void Values_the_client_set_are_kept()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx", ImagePullPolicy = "Never" });
        pod.Spec.RestartPolicy = "OnFailure";
        pod.Spec.TerminationGracePeriodSeconds = 0;

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod);

        Assert.Equal(("OnFailure", 0L, "Never"),
            (pod.Spec.RestartPolicy, pod.Spec.TerminationGracePeriodSeconds!.Value, pod.Spec.Containers[0].ImagePullPolicy));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry:5000/team/app", "Always")]
    [InlineData("registry:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abcd", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:abcd", "Always")]
    public void Pull_policy_follows_the_tag(string image, string expected) =>
        Assert.Equal(expected, ContainerDefaulter.PullPolicyFor(image));

    [Fact]
    public void Limits_become_requests_only_where_requests_are_missing()
    {
        var container = new V1Container
        {
            Name = "app",
            Image = "nginx",
            Resources = new V1ResourceRequirements
            {
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("256Mi") },
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m") },
            },
        };

        ObjectDefaulter.Apply(ResourceTypes.Pod, BarePod(container));

        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("256Mi", container.Resources.Requests["memory"].ToString());
    }

    [Fact]
    public void Not_ready_and_unreachable_tolerations_are_added_unless_covered()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx" });
        pod.Spec.Tolerations = [new V1Toleration { Key = DefaultTolerations.UnreachableKey, OperatorProperty = "Exists" }];

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod);

        Assert.Equal(2, pod.Spec.Tolerations.Count);
        var added = pod.Spec.Tolerations[1];
        Assert.Equal(
            (DefaultTolerations.NotReadyKey, "Exists", "NoExecute", TolerationDefaults.DefaultSeconds),
            (added.Key, added.OperatorProperty, added.Effect, added.TolerationSeconds!.Value));
        Assert.Null(pod.Spec.Tolerations[0].TolerationSeconds);
    }

    [Fact]
    public void Default_toleration_seconds_are_configurable_per_taint_and_short_unless_configured()
    {
        var configured = BarePod(new V1Container { Name = "app", Image = "nginx" });
        var unconfigured = BarePod(new V1Container { Name = "app", Image = "nginx" });

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, configured, new TolerationDefaults(NotReadySeconds: 300, UnreachableSeconds: 42));
        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, unconfigured);

        Assert.Equal(
            [(DefaultTolerations.NotReadyKey, 300L), (DefaultTolerations.UnreachableKey, 42L)],
            configured.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds!.Value)));
        Assert.Equal(
            [(DefaultTolerations.NotReadyKey, 5L), (DefaultTolerations.UnreachableKey, 5L)],
            unconfigured.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds!.Value)));
    }

    [Fact]
    public void A_pods_own_toleration_seconds_are_kept()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx" });
        pod.Spec.Tolerations = [new V1Toleration { Key = DefaultTolerations.NotReadyKey, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 600 }];

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod, new TolerationDefaults(5, 5));

        Assert.Equal(
            [(DefaultTolerations.NotReadyKey, 600L), (DefaultTolerations.UnreachableKey, 5L)],
            pod.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds!.Value)));
    }

    [Fact]
    public void A_match_all_toleration_covers_both()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx" });
        pod.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];

        ObjectDefaulter.ApplyCreate(ResourceTypes.Pod, pod);

        Assert.Single(pod.Spec.Tolerations);
    }

    [Fact]
    public void Host_network_ports_are_host_ports()
    {
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx", Ports = [new() { ContainerPort = 8080 }] });
        pod.Spec.HostNetwork = true;

        ObjectDefaulter.Apply(ResourceTypes.Pod, pod);

        Assert.Equal(8080, pod.Spec.Containers[0].Ports[0].HostPort);
    }

    [Fact]
    public void Probes_get_their_timing_defaults()
    {
        var probe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080 } };
        var pod = BarePod(new V1Container { Name = "app", Image = "nginx", ReadinessProbe = probe });

        ObjectDefaulter.Apply(ResourceTypes.Pod, pod);

        Assert.Equal((1, 10, 1, 3, "/", "HTTP"),
            (probe.TimeoutSeconds!.Value, probe.PeriodSeconds!.Value, probe.SuccessThreshold!.Value, probe.FailureThreshold!.Value,
                probe.HttpGet.Path, probe.HttpGet.Scheme));
    }

    [Fact]
    public void Update_keeps_the_stored_status()
    {
        var oldPod = BarePod(new V1Container { Name = "app", Image = "nginx" });
        oldPod.Status = new V1PodStatus { Phase = "Running", PodIP = "10.244.0.5" };
        var newPod = BarePod(new V1Container { Name = "app", Image = "nginx" });
        newPod.Status = new V1PodStatus { Phase = "Succeeded" };

        ObjectDefaulter.ApplyUpdate(ResourceTypes.Pod, newPod, oldPod);

        Assert.Equal(("Running", "10.244.0.5"), (newPod.Status.Phase, newPod.Status.PodIP));
        Assert.Equal("Always", newPod.Spec.RestartPolicy);
    }

    private static V1Pod BarePod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1PodSpec { Containers = containers.ToList() },
    };
}
