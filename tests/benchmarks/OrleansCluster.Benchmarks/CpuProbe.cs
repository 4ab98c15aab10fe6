using System.Globalization;

namespace OrleansCluster.Benchmarks;

/// <summary>CPU seconds used by each process group of the setup, read from /proc (Linux).</summary>
public sealed record CpuReading(double Bench, double Silo, double Postgres, double MachineBusy, double MachineTotal);

/// <summary>
/// Measures where CPU goes during a phase: this process, the product silo, and PostgreSQL (the postmaster, its live
/// backends, and what exited backends left in the postmaster's children counters). Without pids it reports zeros.
/// </summary>
public sealed class CpuProbe(int? siloPid, int? postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public CpuReading Read() => new(
        Environment.CpuUsage.TotalTime.TotalSeconds,
        siloPid is { } silo ? Ticks(silo, withChildren: false) / TicksPerSecond : 0,
        postmasterPid is { } pm ? PostgresTicks(pm) / TicksPerSecond : 0,
        MachineTicks().Busy / TicksPerSecond,
        MachineTicks().Total / TicksPerSecond);

    /// <summary>CPU milliseconds per operation of each group between two readings, and how busy the machine was.</summary>
    public static IEnumerable<Metric> Usage(string phase, CpuReading before, CpuReading after, int operations)
    {
        var perOp = (double seconds) => operations == 0 ? double.NaN : seconds * 1000 / operations;
        var unit = "ms CPU/op";
        yield return new Metric($"cpu.{phase}.bench", perOp(after.Bench - before.Bench), unit);
        yield return new Metric($"cpu.{phase}.silo", perOp(after.Silo - before.Silo), unit);
        yield return new Metric($"cpu.{phase}.postgres", perOp(after.Postgres - before.Postgres), unit);
        var total = after.MachineTotal - before.MachineTotal;
        var share = (double seconds) => total <= 0 ? double.NaN : 100 * seconds / total;
        var busy = after.MachineBusy - before.MachineBusy;
        var ours = after.Bench - before.Bench + after.Silo - before.Silo + after.Postgres - before.Postgres;
        yield return new Metric($"cpu.{phase}.machine-busy", share(busy), "% of all cores");
        // CPU taken by processes outside the setup (other builds and tests on a shared machine): noise to judge figures by.
        yield return new Metric($"cpu.{phase}.others", share(Math.Max(0, busy - ours)), "% of all cores");
    }

    private static long PostgresTicks(int postmaster)
    {
        var total = Ticks(postmaster, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && ParentOf(pid) == postmaster)
            {
                total += Ticks(pid, withChildren: false);
            }
        }

        return total;
    }

    /// <summary>utime + stime (fields 14, 15), plus cutime + cstime (16, 17) of reaped children when asked.</summary>
    private static long Ticks(int pid, bool withChildren)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withChildren
            ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)
            : ticks;
    }

    private static int ParentOf(int pid) =>
        StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

    /// <summary>The fields of /proc/PID/stat after the command name (field 3 is index 0); null when the process is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = cpu[3] + cpu[4];
        return (total - idle, total);
    }
}
