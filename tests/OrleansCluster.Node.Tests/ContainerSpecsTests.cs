using k8s.Models;
using OrleansCluster.Node.Agent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Tests;

public sealed class ContainerSpecsTests
{
    private static V1Pod Pod(V1Container container) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web", NamespaceProperty = "team", Uid = "u-1",
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            Annotations = new Dictionary<string, string> { ["owner"] = "ops" },
        },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = [container] },
    };

    [Theory]
    [InlineData("$(A)-$(B)", "1-2")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$(MISSING) $(A", "$(MISSING) $(A")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("$", "$")]
    public void Variables_expand_as_Kubernetes_expands_them(string text, string expected) =>
        Assert.Equal(expected, ContainerSpecs.Expand(text, new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }));

    [Fact]
    public void Environment_resolves_values_in_order_and_downward_API_fields()
    {
        var container = new V1Container
        {
            Name = "main",
            Image = "img",
            Env =
            [
                new V1EnvVar { Name = "LATER_REF", Value = "$(FIRST)" },
                new V1EnvVar { Name = "FIRST", Value = "one" },
                new V1EnvVar { Name = "AFTER", Value = "$(FIRST)+" },
                new V1EnvVar { Name = "APP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels['app']" } } },
                new V1EnvVar { Name = "OWNER", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.annotations['owner']" } } },
                new V1EnvVar { Name = "MEM", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } } },
            ],
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("128Mi") } },
        };

        var env = ContainerSpecs.Environment(Pod(container), container, "10.0.0.7", "127.0.0.1").ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("$(FIRST)", env["LATER_REF"]);
        Assert.Equal("one+", env["AFTER"]);
        Assert.Equal("web", env["APP"]);
        Assert.Equal("ops", env["OWNER"]);
        Assert.Equal("128", env["MEM"]);
    }

    [Fact]
    public void Limits_become_memory_bytes_and_cpu_millicores_with_request_defaulting_to_limit()
    {
        var limits = ContainerSpecs.Limits(new V1ResourceRequirements
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi"), ["cpu"] = new("1.5") },
        });

        Assert.Equal(new ResourceLimits(1L << 30, 1500, 1500), limits);
        Assert.Equal(new ResourceLimits(), ContainerSpecs.Limits(null));
    }

    [Fact]
    public void Command_and_args_expand_the_environment_and_host_ports_go_to_the_sandbox()
    {
        var container = new V1Container
        {
            Name = "main",
            Image = "img",
            Command = ["echo", "$(POD)"],
            Args = ["$(POD)-arg"],
            Env = [new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
            Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 8080 }, new V1ContainerPort { ContainerPort = 81 }],
        };
        var pod = Pod(container);

        var spec = ContainerSpecs.Container(pod, container, attempt: 2, backoffStep: 1, "10.0.0.7", "127.0.0.1");
        var sandbox = ContainerSpecs.Sandbox(pod, attempt: 0);

        Assert.Equal(["echo", "web"], spec.Command);
        Assert.Equal(["web-arg"], spec.Args);
        Assert.Equal(2, spec.Attempt);
        Assert.Equal("1", spec.Labels![PodObserver.BackoffStepLabel]);
        Assert.Equal(new PortMapping(80, 8080, "TCP", null), Assert.Single(sandbox.Ports));
        Assert.Equal(("web", SandboxNetwork.Bridge), (sandbox.Hostname, sandbox.Network));
    }
}
