namespace OrleansCluster.Cluster.Tests;

/// <summary>Where the cluster's grains live, from Orleans' management grain.</summary>
internal static class Placement
{
    /// <summary>How many API-object grain activations each silo (by silo port) hosts right now.</summary>
    public static async Task<Dictionary<int, int>> ObjectGrainsBySiloPortAsync(IClusterClient orleans)
    {
        var stats = await orleans.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("ObjectGrain", StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The silo port of each activation of a grain class whose name contains <paramref name="grainClass"/>.</summary>
    public static async Task<List<int>> ActivationSiloPortsAsync(IClusterClient orleans, string grainClass)
    {
        var stats = await orleans.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. stats.Where(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal)).Select(s => s.SiloAddress.Endpoint.Port)];
    }

    /// <summary>Silo ports of the silos the membership table lists as active.</summary>
    public static async Task<HashSet<int>> ActiveSiloPortsAsync(IClusterClient orleans)
    {
        var hosts = await orleans.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys.Select(s => s.Endpoint.Port)];
    }
}
