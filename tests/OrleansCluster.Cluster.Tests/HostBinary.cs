using System.Reflection;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// The silo executable these tests start: the host project's build output, built before this project by its
/// ProjectReference and recorded in this assembly's metadata at build time (so Debug, Release and custom output
/// paths all resolve to the host built alongside the tests).
/// </summary>
internal static class HostBinary
{
    private const string MetadataKey = "SiloHostPath";

    /// <summary>Full path of <c>OrleansCluster.Host.dll</c>.</summary>
    public static string DllPath { get; } = FindDll();

    /// <summary>The dotnet muxer that runs this test process (so silos run on the same runtime).</summary>
    public static string Dotnet { get; } = FindDotnet();

    private static string FindDll()
    {
        var path = typeof(HostBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The silo host was not found at '{path}'. Build the solution (dotnet build OrleansCluster.sln) first.");
        }

        return path;
    }

    private static string FindDotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
