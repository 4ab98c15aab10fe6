using System.Text.Json.Nodes;

namespace OrleansCluster.Core.Tests.Patching;

/// <summary>JSON comparison for the patch tests: object member order is ignored, array order is not.</summary>
internal static class Json
{
    public static void Equal(string expected, string actual)
    {
        var want = JsonNode.Parse(expected);
        var got = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(want, got), $"expected {want?.ToJsonString() ?? "null"}\n     got {got?.ToJsonString() ?? "null"}");
    }

    /// <summary>Single-quoted JSON for compact test tables: <c>{'a':'b'}</c>.</summary>
    public static string Q(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
