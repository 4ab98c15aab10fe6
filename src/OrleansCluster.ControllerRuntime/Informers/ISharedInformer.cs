using OrleansCluster.Core.Resources;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>What a process needs of any informer, whatever its kind: to run it and wait for it.</summary>
public interface ISharedInformer
{
    ResourceType Type { get; }

    Task Synced { get; }

    Task RunAsync(CancellationToken ct);
}
