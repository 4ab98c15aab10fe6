using k8s.Models;
using OrleansCluster.Core.Printing;
using static OrleansCluster.Core.Tests.Printing.Build;

namespace OrleansCluster.Core.Tests.Printing;

public sealed class PodPrinterTests
{
    private static readonly Dictionary<string, Func<V1Pod>> Scenarios = new()
    {
        ["pending, unscheduled"] = () => Pod("Pending", "app"),
        ["pending, scheduling gated"] = () => With(Pod("Pending", "app"), s => s.Conditions = [Condition("PodScheduled", "False", "SchedulingGated")]),
        ["container creating"] = () => With(Pod("Pending", "app"), s => s.ContainerStatuses = [Waiting("app", "ContainerCreating")]),
        ["running 1/1"] = () => With(Pod("Running", "app"), s => s.ContainerStatuses = [Running("app")]),
        ["running, one of two ready"] = () => With(Pod("Running", "app", "sidecar"), s => s.ContainerStatuses = [Running("app"), Running("sidecar", ready: false)]),
        ["crash loop with restarts"] = () => With(Pod("Running", "app"), s => s.ContainerStatuses =
            [Waiting("app", "CrashLoopBackOff", restarts: 4).LastTerminated(TimeSpan.FromSeconds(40))]),
        ["restarted, running again"] = () => With(Pod("Running", "app"), s => s.ContainerStatuses =
            [Running("app", restarts: 3).LastTerminated(TimeSpan.FromMinutes(5))]),
        ["restarts without a known time"] = () => With(Pod("Running", "app"), s => s.ContainerStatuses = [Running("app", restarts: 2)]),
        ["err image pull"] = () => With(Pod("Pending", "app"), s => s.ContainerStatuses = [Waiting("app", "ErrImagePull")]),
        ["image pull back-off"] = () => With(Pod("Pending", "app"), s => s.ContainerStatuses = [Waiting("app", "ImagePullBackOff")]),
        ["completed"] = () => With(Pod("Succeeded", "app"), s => s.ContainerStatuses = [Terminated("app", 0, "Completed")]),
        ["error"] = () => With(Pod("Failed", "app"), s => s.ContainerStatuses = [Terminated("app", 1, "Error")]),
        ["exit code without reason"] = () => With(Pod("Failed", "app"), s => s.ContainerStatuses = [Terminated("app", 3, null)]),
        ["signal without reason"] = () => With(Pod("Failed", "app"), s => s.ContainerStatuses = [Terminated("app", 137, null, signal: 9)]),
        ["first container's state wins"] = () => With(Pod("Running", "a", "b"), s => s.ContainerStatuses =
            [Waiting("a", "CrashLoopBackOff"), Waiting("b", "ContainerCreating")]),
        ["completed but a container still runs, ready"] = () => With(Pod("Running", "job", "proxy"), s =>
        {
            s.ContainerStatuses = [Terminated("job", 0, "Completed"), Running("proxy")];
            s.Conditions = [Condition("Ready", "True")];
        }),
        ["completed but a container still runs, not ready"] = () => With(Pod("Running", "job", "proxy"), s =>
            s.ContainerStatuses = [Terminated("job", 0, "Completed"), Running("proxy")]),
        ["terminating"] = () => Deleting(With(Pod("Running", "app"), s => s.ContainerStatuses = [Running("app")])),
        ["terminating after success stays completed"] = () => Deleting(With(Pod("Succeeded", "app"), s => s.ContainerStatuses = [Terminated("app", 0, "Completed")])),
        ["node lost while deleting"] = () => Deleting(With(Pod("Running", "app"), s => { s.Reason = "NodeLost"; s.ContainerStatuses = [Running("app")]; })),
        ["evicted"] = () => With(Pod("Failed", "app"), s => s.Reason = "Evicted"),
        ["init 0/1"] = () => WithInit(Pod("Pending", "app"), ["setup"], s =>
        {
            s.InitContainerStatuses = [Waiting("setup", "PodInitializing")];
            s.ContainerStatuses = [Waiting("app", "PodInitializing")];
        }),
        ["init 1/2"] = () => WithInit(Pod("Pending", "app"), ["first", "second"], s =>
            s.InitContainerStatuses = [Terminated("first", 0, "Completed"), Running("second", ready: false)]),
        ["init crash loop"] = () => WithInit(Pod("Pending", "app"), ["setup"], s =>
            s.InitContainerStatuses = [Waiting("setup", "CrashLoopBackOff", restarts: 2).LastTerminated(TimeSpan.FromMinutes(1))]),
        ["init error"] = () => WithInit(Pod("Pending", "app"), ["setup"], s => s.InitContainerStatuses = [Terminated("setup", 1, "Error")]),
        ["init exit code"] = () => WithInit(Pod("Pending", "app"), ["setup"], s => s.InitContainerStatuses = [Terminated("setup", 2, null)]),
        ["init done, running"] = () => WithInit(Pod("Running", "app"), ["setup"], s =>
        {
            s.InitContainerStatuses = [Terminated("setup", 0, "Completed", restarts: 1)];
            s.ContainerStatuses = [Running("app")];
            s.Conditions = [Condition("Initialized", "True"), Condition("Ready", "True")];
        }),
        ["sidecar counted in ready"] = () => WithSidecar(Pod("Running", "app"), s =>
        {
            s.InitContainerStatuses = [Running("proxy", restarts: 1).LastTerminated(TimeSpan.FromMinutes(7))];
            s.ContainerStatuses = [Running("app")];
            s.Conditions = [Condition("Initialized", "True")];
        }),
    };

    [Theory]
    [InlineData("pending, unscheduled", "0/1", "Pending", "0")]
    [InlineData("pending, scheduling gated", "0/1", "SchedulingGated", "0")]
    [InlineData("container creating", "0/1", "ContainerCreating", "0")]
    [InlineData("running 1/1", "1/1", "Running", "0")]
    [InlineData("running, one of two ready", "1/2", "Running", "0")]
    [InlineData("crash loop with restarts", "0/1", "CrashLoopBackOff", "4 (40s ago)")]
    [InlineData("restarted, running again", "1/1", "Running", "3 (5m ago)")]
    [InlineData("restarts without a known time", "1/1", "Running", "2")]
    [InlineData("err image pull", "0/1", "ErrImagePull", "0")]
    [InlineData("image pull back-off", "0/1", "ImagePullBackOff", "0")]
    [InlineData("completed", "0/1", "Completed", "0")]
    [InlineData("error", "0/1", "Error", "0")]
    [InlineData("exit code without reason", "0/1", "ExitCode:3", "0")]
    [InlineData("signal without reason", "0/1", "Signal:9", "0")]
    [InlineData("first container's state wins", "0/2", "CrashLoopBackOff", "0")]
    [InlineData("completed but a container still runs, ready", "1/2", "Running", "0")]
    [InlineData("completed but a container still runs, not ready", "1/2", "NotReady", "0")]
    [InlineData("terminating", "1/1", "Terminating", "0")]
    [InlineData("terminating after success stays completed", "0/1", "Completed", "0")]
    [InlineData("node lost while deleting", "1/1", "Unknown", "0")]
    [InlineData("evicted", "0/1", "Evicted", "0")]
    [InlineData("init 0/1", "0/1", "Init:0/1", "0")]
    [InlineData("init 1/2", "0/1", "Init:1/2", "0")]
    [InlineData("init crash loop", "0/1", "Init:CrashLoopBackOff", "2 (60s ago)")]
    [InlineData("init error", "0/1", "Init:Error", "0")]
    [InlineData("init exit code", "0/1", "Init:ExitCode:2", "0")]
    [InlineData("init done, running", "1/1", "Running", "0")]
    [InlineData("sidecar counted in ready", "2/2", "Running", "1 (7m ago)")]
    public void Prints_ready_status_and_restarts(string scenario, string ready, string status, string restarts)
    {
        var row = PodPrinter.Print(Scenarios[scenario](), Now);

        Assert.Equal(["web", ready, status, restarts, "5m"], row.Cells.Take(5));
    }

    [Fact]
    public void Every_scenario_is_tested()
    {
        var tested = typeof(PodPrinterTests).GetMethod(nameof(Prints_ready_status_and_restarts))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]);

        Assert.Equal(Scenarios.Keys.Order(), tested.Order());
    }

    [Fact]
    public void Wide_cells_show_none_until_scheduled()
    {
        var row = PodPrinter.Print(Pod("Pending", "app"), Now);

        Assert.Equal(["<none>", "<none>", "<none>", "<none>"], row.Cells.Skip(5));
    }

    [Fact]
    public void Wide_cells_show_ip_node_nominated_node_and_readiness_gates()
    {
        var pod = With(Pod("Running", "app"), s =>
        {
            s.PodIP = "10.0.0.9";
            s.PodIPs = [new V1PodIP { Ip = "10.244.0.96" }, new V1PodIP { Ip = "fd00::5" }];
            s.NominatedNodeName = "node-2";
            s.Conditions = [Condition("example.com/lb", "True"), Condition("example.com/dns", "False")];
        });
        pod.Spec.NodeName = "node-1";
        pod.Spec.ReadinessGates =
            [new V1PodReadinessGate { ConditionType = "example.com/lb" }, new V1PodReadinessGate { ConditionType = "example.com/dns" }, new V1PodReadinessGate { ConditionType = "example.com/x" }];

        var row = PodPrinter.Print(pod, Now);

        Assert.Equal(["10.244.0.96", "node-1", "node-2", "1/3"], row.Cells.Skip(5));
    }

    [Fact]
    public void Pod_ip_falls_back_to_the_singular_field()
    {
        var pod = With(Pod("Running", "app"), s => s.PodIP = "10.0.0.9");

        Assert.Equal("10.0.0.9", PodPrinter.Print(pod, Now).Cells[5]);
    }

    [Theory]
    [InlineData("Succeeded", "Succeeded", "The pod has completed successfully.")]
    [InlineData("Failed", "Failed", "The pod failed.")]
    public void Finished_pods_carry_a_completed_row_condition(string phase, string reason, string message)
    {
        var row = PodPrinter.Print(Pod(phase, "app"), Now);

        Assert.Equal([new RowCondition("Completed", "True", reason, message)], row.Conditions);
    }

    [Fact]
    public void Running_pods_carry_no_row_condition() =>
        Assert.Empty(PodPrinter.Print(Pod("Running", "app"), Now).Conditions);

    [Fact]
    public void Columns_match_kubernetes()
    {
        Assert.Equal(
            ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            PodPrinter.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], PodPrinter.Columns.Select(c => c.Priority));
        Assert.All(PodPrinter.Columns, c => Assert.Equal("string", c.Type));
        Assert.Equal("name", PodPrinter.Columns[0].Format);
    }

    private static V1Pod With(V1Pod pod, Action<V1PodStatus> change)
    {
        change(pod.Status);
        return pod;
    }

    private static V1Pod WithInit(V1Pod pod, string[] initContainers, Action<V1PodStatus> change)
    {
        pod.Spec.InitContainers = initContainers.Select(n => new V1Container { Name = n, Image = "busybox" }).ToList();
        return With(pod, change);
    }

    private static V1Pod WithSidecar(V1Pod pod, Action<V1PodStatus> change)
    {
        pod.Spec.InitContainers = [new V1Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always" }];
        return With(pod, change);
    }

    private static V1Pod Deleting(V1Pod pod)
    {
        pod.Metadata.DeletionTimestamp = Now.AddSeconds(-10);
        return pod;
    }
}
