using k8s.Models;

namespace OrleansCluster.Core.Tests.Printing;

/// <summary>Compact builders for the objects the printer tests print.</summary>
internal static class Build
{
    public static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public static V1ObjectMeta Meta(string name, TimeSpan age, string? ns = "default") =>
        new() { Name = name, NamespaceProperty = ns, CreationTimestamp = Now - age };

    public static V1Pod Pod(string phase, params string[] containers) => new()
    {
        Metadata = Meta("web", TimeSpan.FromMinutes(5)),
        Spec = new V1PodSpec { Containers = containers.Select(c => new V1Container { Name = c, Image = "nginx" }).ToList() },
        Status = new V1PodStatus { Phase = phase },
    };

    public static V1ContainerStatus Waiting(string name, string reason, int restarts = 0) => new()
    {
        Name = name, Image = "nginx", ImageID = "", RestartCount = restarts,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
    };

    public static V1ContainerStatus Running(string name, bool ready = true, int restarts = 0) => new()
    {
        Name = name, Image = "nginx", ImageID = "", RestartCount = restarts, Ready = ready, Started = true,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now.AddMinutes(-4) } },
    };

    public static V1ContainerStatus Terminated(string name, int exitCode, string? reason, int restarts = 0, long? signal = null) => new()
    {
        Name = name, Image = "nginx", ImageID = "", RestartCount = restarts,
        State = new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = reason, Signal = (int?)signal },
        },
    };

    /// <summary>Marks <paramref name="status"/> as having last terminated <paramref name="ago"/> before <see cref="Now"/>.</summary>
    public static V1ContainerStatus LastTerminated(this V1ContainerStatus status, TimeSpan ago)
    {
        status.LastState = new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", FinishedAt = Now - ago },
        };
        return status;
    }

    public static V1PodCondition Condition(string type, string status, string? reason = null) =>
        new() { Type = type, Status = status, Reason = reason };
}
