using OrleansCluster.TestSupport;

namespace OrleansCluster.Runtime.Tests;

internal static class Containers
{
    /// <summary>Waits for the container to exit; fails with its last status after 15 s.</summary>
    public static Task<ContainerStatus?> Exited(IContainerRuntime runtime, string id) => Eventually.Until(
        () => runtime.InspectContainerAsync(id), s => s?.State == ContainerState.Exited, TimeSpan.FromSeconds(15), $"container {id} exited");
}
