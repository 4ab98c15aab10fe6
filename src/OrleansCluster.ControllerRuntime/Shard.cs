namespace OrleansCluster.ControllerRuntime;

/// <summary>
/// One of <see cref="Count"/> slices of a controller's keys. A key belongs to the slice its shard key (a namespace,
/// or a cluster-scoped object's name) hashes to, so each slice can run on a different silo and resume on another.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole of a controller that is not sharded.</summary>
    public static readonly Shard Whole = new(0, 1);

    public bool Owns(string shardKey) => Count <= 1 || Of(shardKey, Count) == Index;

    /// <summary>The slice <paramref name="shardKey"/> belongs to: FNV-1a, the same in every process and run
    /// (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static int Of(string shardKey, int count)
    {
        var hash = 2166136261u;
        foreach (var c in shardKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }

    public override string ToString() => $"{Index}/{Count}";
}
