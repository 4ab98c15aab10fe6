using System.Collections.Concurrent;
using OrleansCluster.Core.NodeAgent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// One node's memory of failed pulls (the only state the reconciler cannot read from the runtime): per image, the
/// engine's last error, when, and how many in a row, so the back-off grows; a successful pull forgets it.
/// </summary>
public sealed class ImagePulls(IContainerRuntime runtime)
{
    private readonly ConcurrentDictionary<string, ObservedImage> failures = new(StringComparer.Ordinal);

    /// <summary>What the reconciler needs about each image of the pod: present (asked of the runtime now) and past failures.</summary>
    public async Task<Func<string, ObservedImage>> SnapshotAsync(IEnumerable<string> images, CancellationToken ct)
    {
        var result = new Dictionary<string, ObservedImage>(StringComparer.Ordinal);
        foreach (var image in images.Distinct(StringComparer.Ordinal))
        {
            var present = await runtime.InspectImageAsync(image, ct) is not null;
            result[image] = failures.TryGetValue(image, out var failed) && !present ? failed : new ObservedImage(present);
        }

        return image => result.TryGetValue(image, out var known) ? known : new ObservedImage(false);
    }

    public void Failed(string image, string error, DateTime now) =>
        failures.AddOrUpdate(image, _ => new ObservedImage(false, error, now, 1),
            (_, old) => new ObservedImage(false, error, now, old.PullFailures + 1));

    public void Succeeded(string image) => failures.TryRemove(image, out _);
}
