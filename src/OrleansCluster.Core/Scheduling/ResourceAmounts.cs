using System.Globalization;
using k8s.Models;

namespace OrleansCluster.Core.Scheduling;

/// <summary>
/// Amounts of resources in the integer units the scheduler compares: cpu in millicores, memory and
/// ephemeral-storage in bytes, every other (extended, hugepages) resource in its own unit.
/// Mutable so a node's running sums can be updated in place when a pod is assumed onto it.
/// </summary>
public sealed class ResourceAmounts
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";

    public long MilliCpu { get; private set; }

    public long Bytes { get; private set; }

    public long EphemeralBytes { get; private set; }

    /// <summary>Extended and hugepages resources; null when there are none (the common case).</summary>
    public Dictionary<string, long>? Scalars { get; private set; }

    public bool IsZero => MilliCpu == 0 && Bytes == 0 && EphemeralBytes == 0 && (Scalars is null || Scalars.Count == 0);

    /// <summary>Reads a Kubernetes resource list; <c>pods</c> is not a request and is left out.</summary>
    public static ResourceAmounts From(IDictionary<string, ResourceQuantity>? list)
    {
        var amounts = new ResourceAmounts();
        if (list is null)
        {
            return amounts;
        }

        foreach (var (name, quantity) in list)
        {
            if (quantity is not null && name != Pods)
            {
                amounts.Set(name, ToUnits(name, quantity));
            }
        }

        return amounts;
    }

    /// <summary>Kubernetes rounds up: a request of 0.0001 cpu is 1m, 0.5 bytes is 1 byte.</summary>
    public static long ToUnits(string name, ResourceQuantity quantity)
    {
        var value = quantity.ToDecimal();
        var scaled = name == Cpu ? value * 1000m : value;
        return (long)decimal.Ceiling(scaled);
    }

    /// <summary>Whether both hold the same amounts (a node update that changed no capacity).</summary>
    public bool SameAs(ResourceAmounts other) =>
        MilliCpu == other.MilliCpu && Bytes == other.Bytes && EphemeralBytes == other.EphemeralBytes
        && (Scalars?.Count ?? 0) == (other.Scalars?.Count ?? 0)
        && (Scalars is null || Scalars.All(s => other.Scalars!.TryGetValue(s.Key, out var v) && v == s.Value));

    public long Get(string name) => name switch
    {
        Cpu => MilliCpu,
        Memory => Bytes,
        EphemeralStorage => EphemeralBytes,
        _ => Scalars?.GetValueOrDefault(name) ?? 0,
    };

    public void Set(string name, long value)
    {
        switch (name)
        {
            case Cpu: MilliCpu = value; break;
            case Memory: Bytes = value; break;
            case EphemeralStorage: EphemeralBytes = value; break;
            default: (Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal))[name] = value; break;
        }
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> (1 to add, -1 to remove).</summary>
    public void Add(ResourceAmounts other, int sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        Bytes += sign * other.Bytes;
        EphemeralBytes += sign * other.EphemeralBytes;
        if (other.Scalars is null)
        {
            return;
        }

        foreach (var (name, value) in other.Scalars)
        {
            Set(name, Get(name) + (sign * value));
        }
    }

    /// <summary>Raises each amount to at least the one in <paramref name="other"/>.</summary>
    public void Max(ResourceAmounts other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Bytes = Math.Max(Bytes, other.Bytes);
        EphemeralBytes = Math.Max(EphemeralBytes, other.EphemeralBytes);
        if (other.Scalars is null)
        {
            return;
        }

        foreach (var (name, value) in other.Scalars)
        {
            Set(name, Math.Max(Get(name), value));
        }
    }

    public ResourceAmounts Clone()
    {
        var copy = new ResourceAmounts();
        copy.Add(this);
        return copy;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"cpu={MilliCpu}m memory={Bytes} ephemeral-storage={EphemeralBytes}");
}
