namespace OrleansCluster.ControllerRuntime;

/// <summary>One running slice of a controller, as its host (a controller grain) sees it.</summary>
public interface IController
{
    /// <summary>Runs until <paramref name="ct"/> is cancelled: waits for its informers, then reconciles keys.</summary>
    Task RunAsync(CancellationToken ct);

    /// <summary>Looks at every key of the slice again (the periodic resync: a lost event never leaves it wrong).</summary>
    void Resync();
}

/// <summary>
/// A controller the cluster runs: its name, into how many slices its keys are cut, and how to make one slice. Each
/// slice is hosted by a controller grain keyed <c>name/index</c>.
/// </summary>
public sealed record ControllerDefinition(string Name, int Shards, Func<IServiceProvider, Shard, IController> Create)
{
    public IEnumerable<string> ShardKeys => Enumerable.Range(0, Shards).Select(i => $"{Name}/{i}");
}
