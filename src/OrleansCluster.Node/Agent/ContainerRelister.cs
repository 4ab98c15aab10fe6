using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// kubelet's PLEG (pod lifecycle event generator): the engine does not tell us when a process exits, so the node's
/// containers and sandboxes are listed every second and any that appeared, went or changed state names its pod for
/// a pass. One list call per node per interval; the first list names every pod the node holds (adoption).
/// </summary>
public sealed class ContainerRelister(IContainerRuntime runtime, Action<PodKey> changed)
{
    private Dictionary<string, (string Namespace, string Name, string State)> last = new(StringComparer.Ordinal);

    public string NodeName => runtime.NodeName;

    public async Task RelistAsync(CancellationToken ct)
    {
        var now = new Dictionary<string, (string Namespace, string Name, string State)>(StringComparer.Ordinal);
        foreach (var c in await runtime.ListContainersAsync(null, ct))
        {
            now[c.Id] = (c.Pod.Namespace, c.Pod.Name, c.State.ToString());
        }

        foreach (var s in await runtime.ListSandboxesAsync(null, ct))
        {
            now[s.Id] = (s.Pod.Namespace, s.Pod.Name, s.State.ToString());
        }

        var pods = new HashSet<(string, string)>();
        foreach (var (id, seen) in now)
        {
            if (!last.TryGetValue(id, out var before) || before.State != seen.State)
            {
                pods.Add((seen.Namespace, seen.Name));
            }
        }

        foreach (var (id, gone) in last)
        {
            if (!now.ContainsKey(id))
            {
                pods.Add((gone.Namespace, gone.Name));
            }
        }

        last = now;
        foreach (var (ns, name) in pods)
        {
            changed(new PodKey(runtime.NodeName, ns, name));
        }
    }
}
