using k8s.Models;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using static OrleansCluster.Core.Tests.Validation.Objects;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class PodValidatorTests
{
    public static TheoryData<string, Action<V1Pod>, string, string> InvalidPods => new()
    {
        { "no containers", p => p.Spec.Containers.Clear(), "spec.containers", "FieldValueRequired" },
        { "container name missing", p => C(p).Name = "", "spec.containers[0].name", "FieldValueRequired" },
        { "container name uppercase", p => C(p).Name = "App", "spec.containers[0].name", "FieldValueInvalid" },
        { "container name too long", p => C(p).Name = new string('a', 64), "spec.containers[0].name", "FieldValueInvalid" },
        { "duplicate container", p => p.Spec.Containers.Add(Container("app")), "spec.containers[1].name", "FieldValueDuplicate" },
        { "init shares a name", p => p.Spec.InitContainers = [Container("app")], "spec.containers[0].name", "FieldValueDuplicate" },
        { "image missing", p => C(p).Image = "", "spec.containers[0].image", "FieldValueRequired" },
        { "image padded", p => C(p).Image = " nginx", "spec.containers[0].image", "FieldValueInvalid" },
        { "init image missing", p => p.Spec.InitContainers = [Container("init", "")], "spec.initContainers[0].image", "FieldValueRequired" },
        { "pull policy", p => C(p).ImagePullPolicy = "Sometimes", "spec.containers[0].imagePullPolicy", "FieldValueNotSupported" },
        { "pull policy empty", p => C(p).ImagePullPolicy = "", "spec.containers[0].imagePullPolicy", "FieldValueRequired" },
        { "port zero", p => C(p).Ports = [new() { ContainerPort = 0, Protocol = "TCP" }], "spec.containers[0].ports[0].containerPort", "FieldValueRequired" },
        { "port too big", p => C(p).Ports = [new() { ContainerPort = 65536, Protocol = "TCP" }], "spec.containers[0].ports[0].containerPort", "FieldValueInvalid" },
        { "host port", p => C(p).Ports = [new() { ContainerPort = 80, HostPort = 70000, Protocol = "TCP" }], "spec.containers[0].ports[0].hostPort", "FieldValueInvalid" },
        { "protocol", p => C(p).Ports = [new() { ContainerPort = 80, Protocol = "HTTP" }], "spec.containers[0].ports[0].protocol", "FieldValueNotSupported" },
        { "protocol empty", p => C(p).Ports = [new() { ContainerPort = 80 }], "spec.containers[0].ports[0].protocol", "FieldValueRequired" },
        { "port name", p => C(p).Ports = [new() { ContainerPort = 80, Protocol = "TCP", Name = "8080" }], "spec.containers[0].ports[0].name", "FieldValueInvalid" },
        { "duplicate port name", p => C(p).Ports = [Named(80, "http"), Named(81, "http")], "spec.containers[0].ports[1].name", "FieldValueDuplicate" },
        { "env name", p => C(p).Env = [new() { Name = "1BAD" }], "spec.containers[0].env[0].name", "FieldValueInvalid" },
        { "env name empty", p => C(p).Env = [new() { Name = "" }], "spec.containers[0].env[0].name", "FieldValueRequired" },
        { "env value and source", p => C(p).Env = [new() { Name = "A", Value = "x", ValueFrom = new() }], "spec.containers[0].env[0].valueFrom", "FieldValueInvalid" },
        { "restart policy", p => p.Spec.RestartPolicy = "Sometimes", "spec.restartPolicy", "FieldValueNotSupported" },
        { "restart policy empty", p => p.Spec.RestartPolicy = null, "spec.restartPolicy", "FieldValueRequired" },
        { "dns policy", p => p.Spec.DnsPolicy = "ClusterLast", "spec.dnsPolicy", "FieldValueNotSupported" },
        { "dns None without servers", p => p.Spec.DnsPolicy = "None", "spec.dnsConfig", "FieldValueRequired" },
        { "negative grace", p => p.Spec.TerminationGracePeriodSeconds = -1, "spec.terminationGracePeriodSeconds", "FieldValueInvalid" },
        { "zero deadline", p => p.Spec.ActiveDeadlineSeconds = 0, "spec.activeDeadlineSeconds", "FieldValueInvalid" },
        { "node name", p => p.Spec.NodeName = "Node_1", "spec.nodeName", "FieldValueInvalid" },
        { "node selector", p => p.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "s s d" }, "spec.nodeSelector", "FieldValueInvalid" },
        { "app container restart policy", p => C(p).RestartPolicy = "Always", "spec.containers[0].restartPolicy", "FieldValueForbidden" },
        { "init restart policy", p => p.Spec.InitContainers = [Container("init") with { RestartPolicy = "Never" }], "spec.initContainers[0].restartPolicy", "FieldValueNotSupported" },
    };

    [Theory]
    [MemberData(nameof(InvalidPods))]
    public void Invalid_pods_name_the_field_and_reason(string because, Action<V1Pod> breakIt, string field, string reason)
    {
        var pod = Pod();
        breakIt(pod);

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod);

        Assert.True(errors.Count == 1, $"{because}: {string.Join("; ", errors)}");
        Assert.Equal((field, reason), (errors[0].Field, errors[0].Reason));
    }

    [Fact]
    public void A_minimal_pod_is_valid() => Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Pod, Pod()));

    [Fact]
    public void A_sidecar_init_container_with_restart_policy_always_is_valid()
    {
        var pod = Pod();
        pod.Spec.InitContainers = [Container("proxy") with { RestartPolicy = "Always" }];

        Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));
    }

    [Fact]
    public void Unsupported_values_list_the_supported_ones()
    {
        var pod = Pod();
        pod.Spec.RestartPolicy = "Sometimes";

        var error = Assert.Single(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));

        Assert.Equal(
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            error.ToString());
    }

    private static V1Container C(V1Pod pod) => pod.Spec.Containers[0];

    private static V1ContainerPort Named(int port, string name) => new() { ContainerPort = port, Name = name, Protocol = "TCP" };
}
