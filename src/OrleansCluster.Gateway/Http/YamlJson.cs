namespace OrleansCluster.Gateway.Http;

/// <summary>
/// YAML request bodies as JSON, through the core's event-driven reader (YAML 1.2 core schema: plain scalars get their
/// types, quoted ones stay strings), which caps nesting and alias expansion, so hostile YAML is a 400, never a crash.
/// </summary>
public static class YamlJson
{
    /// <summary>The single document as JSON; throws <see cref="FormatException"/> when malformed, empty or too deep.</summary>
    public static string ToJson(string yaml)
    {
        try
        {
            return Core.Patching.YamlJson.Parse(yaml, "the YAML document")?.ToJsonString() ?? "null";
        }
        catch (FormatException e)
        {
            throw new FormatException($"error converting YAML to JSON: {e.Message}", e);
        }
    }
}
