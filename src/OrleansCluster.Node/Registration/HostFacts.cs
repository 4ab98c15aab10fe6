using System.Globalization;
using System.Runtime.InteropServices;
using k8s.Models;

namespace OrleansCluster.Node.Registration;

/// <summary>What the machine is, as kubelet reports it in a Node's capacity and nodeInfo; read once per process.</summary>
public sealed record HostFacts(
    int Cpus, long MemoryBytes, long? StorageBytes, string KernelVersion, string OsImage,
    string OperatingSystem, string Architecture, string MachineId, string BootId)
{
    /// <summary>Reads the Linux files kubelet reads (<c>/proc/meminfo</c>, <c>/etc/machine-id</c>...); what is missing is empty.</summary>
    public static HostFacts Read() => new(
        Environment.ProcessorCount,
        MemTotal() ?? 0,
        Storage(),
        FirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
        OsRelease() ?? RuntimeInformation.OSDescription,
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : RuntimeInformation.OSDescription.ToLowerInvariant(),
        RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        },
        FirstLine("/etc/machine-id") ?? "",
        FirstLine("/proc/sys/kernel/random/boot_id") ?? "");

    /// <summary>A simulated node's facts: a fixed, modest machine, so scale tests schedule predictably.</summary>
    public static HostFacts Hollow(HostFacts host) => host with { Cpus = 4, MemoryBytes = 16L << 30, StorageBytes = 100L << 30 };

    /// <summary>Capacity as kubelet reports it; allocatable equals it (nothing reserved for the system).</summary>
    public Dictionary<string, ResourceQuantity> Capacity(int maxPods)
    {
        var capacity = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(Cpus.ToString(CultureInfo.InvariantCulture)),
            ["memory"] = new($"{MemoryBytes / 1024}Ki"),
            ["pods"] = new(maxPods.ToString(CultureInfo.InvariantCulture)),
        };
        if (StorageBytes is { } storage)
        {
            capacity["ephemeral-storage"] = new($"{storage / 1024}Ki");
        }

        return capacity;
    }

    private static long? MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is null ? null : long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? Storage()
    {
        try
        {
            return new DriveInfo("/").TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string? OsRelease()
    {
        const string key = "PRETTY_NAME=";
        try
        {
            return File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?[key.Length..].Trim('"');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
