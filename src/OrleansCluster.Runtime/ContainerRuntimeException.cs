namespace OrleansCluster.Runtime;

public enum RuntimeError
{
    /// <summary>The engine failed or could not be reached.</summary>
    Engine,
    /// <summary>No such container, sandbox or exec on this node.</summary>
    NotFound,
    /// <summary>The name is taken, or the object is in the wrong state (e.g. exec in a stopped container).</summary>
    Conflict,
    /// <summary>The image is not present locally.</summary>
    ImageNotFound,
    /// <summary>Pulling the image failed; the message is the engine's.</summary>
    ImagePull,
}

/// <summary>A runtime call failed; <see cref="Exception.Message"/> carries the engine's own words.</summary>
public sealed class ContainerRuntimeException(RuntimeError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public RuntimeError Error { get; } = error;
}
