namespace OrleansCluster.Core.NodeAgent;

/// <summary>One step the node agent takes against the runtime; a plan lists them in order.</summary>
public abstract record AgentAction
{
    private AgentAction()
    {
    }

    /// <summary>Create and start the pod's sandbox (its network namespace).</summary>
    public sealed record RunSandbox : AgentAction;

    /// <summary>Pull the image of a container.</summary>
    public sealed record PullImage(string Image) : AgentAction;

    /// <summary>Create and start attempt <paramref name="Attempt"/> of the named container.</summary>
    public sealed record StartContainer(string Name, int Attempt, int BackoffStep) : AgentAction;

    /// <summary>Stop a container: SIGTERM, then SIGKILL after the grace period.</summary>
    public sealed record StopContainer(string Id, TimeSpan Grace) : AgentAction;

    /// <summary>Remove a container (an exited attempt the pod no longer needs, or everything of a deleted pod).</summary>
    public sealed record RemoveContainer(string Id) : AgentAction;

    /// <summary>Remove the pod's sandbox.</summary>
    public sealed record RemoveSandbox(string Id) : AgentAction;
}
