namespace OrleansCluster.Runtime.Docker;

public sealed record DockerRuntimeOptions(string NodeName)
{
    public Uri Endpoint { get; init; } = new("unix:///var/run/docker.sock");
    /// <summary>The image of the pause-like sandbox container; it must be present locally (deploy/docker.sh builds it).</summary>
    public string SandboxImage { get; init; } = "orleanscluster/busybox:local";
    /// <summary>Bound on each engine call (a stop gets its grace period on top).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
