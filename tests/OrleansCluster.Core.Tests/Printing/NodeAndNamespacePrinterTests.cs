using k8s.Models;
using OrleansCluster.Core.Printing;
using static OrleansCluster.Core.Tests.Printing.Build;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class NodeAndNamespacePrinterTests
{
    [Theory]
    [InlineData("True", false, "Ready")]
    [InlineData("False", false, "NotReady")]
    [InlineData("Unknown", false, "NotReady")]
    [InlineData("True", true, "Ready,SchedulingDisabled")]
    [InlineData("False", true, "NotReady,SchedulingDisabled")]
    [InlineData(null, false, "Unknown")]
    [InlineData(null, true, "Unknown,SchedulingDisabled")]
    public void Status_comes_from_the_ready_condition_and_cordoning(string? ready, bool cordoned, string expected)
    {
        var node = Node(ready);
        node.Spec = new V1NodeSpec { Unschedulable = cordoned };

        Assert.Equal(expected, NodePrinter.Print(node, Now).Cells[1]);
    }

    [Fact]
    public void Roles_come_from_role_label_keys_and_the_legacy_label_sorted_and_deduplicated()
    {
        var labels = new Dictionary<string, string>
        {
            ["node-role.kubernetes.io/worker"] = "",
            ["node-role.kubernetes.io/control-plane"] = "",
            ["node-role.kubernetes.io/"] = "",
            ["kubernetes.io/role"] = "worker",
            ["kubernetes.io/hostname"] = "node-1",
        };

        Assert.Equal("control-plane,worker", NodePrinter.Roles(labels));
        Assert.Equal("<none>", NodePrinter.Roles(new Dictionary<string, string> { ["kubernetes.io/role"] = "" }));
        Assert.Equal("<none>", NodePrinter.Roles(null));
    }

    [Fact]
    public void A_reporting_node_prints_every_cell()
    {
        var node = Node("True");
        node.Metadata.Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" };
        node.Status.Addresses =
        [
            new V1NodeAddress { Type = "Hostname", Address = "node-1" },
            new V1NodeAddress { Type = "InternalIP", Address = "172.18.0.2" },
            new V1NodeAddress { Type = "InternalIP", Address = "172.18.0.3" },
        ];
        node.Status.NodeInfo = new V1NodeSystemInfo
        {
            KubeletVersion = "v1.32.0", OsImage = "Debian GNU/Linux 12 (bookworm)", KernelVersion = "6.1.0-18-amd64",
            ContainerRuntimeVersion = "docker://27.3.1", Architecture = "amd64", BootID = "", MachineID = "",
            OperatingSystem = "linux", SystemUUID = "", KubeProxyVersion = "",
        };

        Assert.Equal(
            ["node-1", "Ready", "control-plane", "3h", "v1.32.0", "172.18.0.2", "<none>",
                "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "docker://27.3.1"],
            NodePrinter.Print(node, Now).Cells);
    }

    [Fact]
    public void A_node_that_never_reported_prints_placeholders()
    {
        var node = new V1Node { Metadata = Meta("node-2", TimeSpan.FromSeconds(30), ns: null) };

        Assert.Equal(
            ["node-2", "Unknown", "<none>", "30s", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"],
            NodePrinter.Print(node, Now).Cells);
    }

    [Fact]
    public void Node_columns_match_kubernetes() =>
        Assert.Equal(
            [("Name", 0), ("Status", 0), ("Roles", 0), ("Age", 0), ("Version", 0), ("Internal-IP", 1), ("External-IP", 1),
                ("OS-Image", 1), ("Kernel-Version", 1), ("Container-Runtime", 1)],
            NodePrinter.Columns.Select(c => (c.Name, c.Priority)));

    [Theory]
    [InlineData("Active", "Active")]
    [InlineData("Terminating", "Terminating")]
    [InlineData(null, "")]
    public void Namespace_prints_name_phase_and_age(string? phase, string expected)
    {
        var ns = new V1Namespace { Metadata = Meta("team-a", TimeSpan.FromDays(400), ns: null), Status = new V1NamespaceStatus { Phase = phase } };

        Assert.Equal(["team-a", expected, "400d"], NamespacePrinter.Print(ns, Now).Cells);
        Assert.Equal(["Name", "Status", "Age"], NamespacePrinter.Columns.Select(c => c.Name));
    }

    private static V1Node Node(string? ready) => new()
    {
        Metadata = Meta("node-1", TimeSpan.FromHours(3), ns: null),
        Status = new V1NodeStatus
        {
            Conditions = ready is null
                ? [new V1NodeCondition { Type = "MemoryPressure", Status = "False" }]
                : [new V1NodeCondition { Type = "MemoryPressure", Status = "False" }, new V1NodeCondition { Type = "Ready", Status = ready }],
        },
    };
}
