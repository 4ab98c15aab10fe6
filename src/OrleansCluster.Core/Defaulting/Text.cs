namespace OrleansCluster.Core.Defaulting;

internal static class Text
{
    /// <summary>Kubernetes treats an empty string field as unset, so both get the default.</summary>
    public static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
