using OrleansCluster.Abstractions;
using OrleansCluster.ControllerRuntime;

namespace OrleansCluster.Grains.Controllers;

/// <summary>The controllers this control plane runs, and the grain keys of all their slices.</summary>
public sealed class ControllerCatalog(IReadOnlyList<ControllerDefinition> definitions)
{
    public IReadOnlyList<ControllerDefinition> Definitions { get; } = definitions;

    /// <summary>Every slice's grain key (<c>replicaset/0</c>, …).</summary>
    public IEnumerable<string> ShardKeys => Definitions.SelectMany(d => d.ShardKeys);

    /// <summary>Makes sure every slice of every controller runs somewhere.</summary>
    public Task EnsureAllAsync(IGrainFactory grains) =>
        Task.WhenAll(ShardKeys.Select(key => grains.GetGrain<IControllerShardGrain>(key).Ensure()));

    public (ControllerDefinition Definition, Shard Shard) Find(string shardKey)
    {
        var slash = shardKey.LastIndexOf('/');
        var name = slash < 0 ? shardKey : shardKey[..slash];
        var definition = Definitions.FirstOrDefault(d => d.Name == name)
            ?? throw new InvalidOperationException($"no controller named \"{name}\" is registered");
        if (!int.TryParse(shardKey.AsSpan(slash + 1), out var index) || index < 0 || index >= definition.Shards)
        {
            throw new InvalidOperationException($"\"{shardKey}\" names no slice of {name} (0–{definition.Shards - 1})");
        }

        return (definition, new Shard(index, definition.Shards));
    }
}
