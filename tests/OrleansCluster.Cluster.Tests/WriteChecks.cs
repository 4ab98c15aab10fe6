using System.Globalization;
using k8s.Models;
using OrleansCluster.Api;

namespace OrleansCluster.Cluster.Tests;

/// <summary>What the acknowledged writes of <see cref="PodWriters"/> promise, checked against the cluster.</summary>
internal static class WriteChecks
{
    /// <summary>
    /// Reads every written pod back (one grain call each, and one list from the store) and returns each broken
    /// promise: a pod missing, another uid, an older resourceVersion than acknowledged, an acknowledged label absent.
    /// </summary>
    public static async Task<List<string>> FindLostWritesAsync(OrleansClusterClient api, IEnumerable<AckedWrite> acked)
    {
        var problems = new List<string>();
        var listed = (await api.Pods.ListAsync(PodWriters.Namespace)).Items.ToDictionary(p => p.Metadata.Name);
        var got = new System.Collections.Concurrent.ConcurrentDictionary<string, V1Pod?>();
        await Parallel.ForEachAsync(acked.Select(a => a.Pod).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (name, _) => got[name] = await api.Pods.GetAsync(name, PodWriters.Namespace));
        foreach (var writes in acked.GroupBy(a => a.Pod))
        {
            var pod = got[writes.Key];
            if (pod is null || !listed.TryGetValue(writes.Key, out var fromList))
            {
                problems.Add($"{writes.Key}: acknowledged but not found (get: {pod is not null}, list: {listed.ContainsKey(writes.Key)})");
                continue;
            }

            var newest = writes.Max(w => w.ResourceVersion);
            foreach (var (source, read) in new[] { ("get", pod), ("list", fromList) })
            {
                var version = long.Parse(read.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
                if (version < newest)
                {
                    problems.Add($"{writes.Key} ({source}): resourceVersion {version} is older than the acknowledged {newest}");
                }

                problems.AddRange(writes.Where(w => w.Uid != read.Metadata.Uid).Take(1)
                    .Select(w => $"{writes.Key} ({source}): uid {read.Metadata.Uid}, acknowledged {w.Uid}"));
                problems.AddRange(writes.Where(w => w.LabelKey is not null
                        && (read.Metadata.Labels is null || !read.Metadata.Labels.TryGetValue(w.LabelKey, out var v) || v != w.LabelValue))
                    .Select(w => $"{writes.Key} ({source}): acknowledged label {w.LabelKey}={w.LabelValue} is missing"));
            }
        }

        return problems;
    }

    /// <summary>
    /// The longest time without any acknowledged write from the last acknowledgement before <paramref name="killedAt"/>
    /// to <paramref name="end"/> (the end of writing counts, so writes that never resume show as one long gap).
    /// </summary>
    public static TimeSpan LongestGapAfter(IEnumerable<AckedWrite> acked, TimeSpan killedAt, TimeSpan end)
    {
        var times = acked.Select(a => a.At).Order().ToList();
        var from = times.LastOrDefault(t => t <= killedAt);
        var points = times.Where(t => t > killedAt).Prepend(from).Append(end).ToList();
        return points.Zip(points.Skip(1), (a, b) => b - a).Max();
    }
}
