namespace OrleansCluster.Node.Agent;

/// <summary>Which pod of which node a pass is for; the pass reads everything else itself (level-based).</summary>
public readonly record struct PodKey(string Node, string Namespace, string Name)
{
    public override string ToString() => $"{Node}:{Namespace}/{Name}";
}
