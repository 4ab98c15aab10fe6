namespace OrleansCluster.Core.Printing;

/// <summary>Label maps as Kubernetes prints them: <c>k1=v1,k2=v2</c> sorted by key, or <c>&lt;none&gt;</c>.</summary>
public static class Labels
{
    public static string Format(IDictionary<string, string>? labels) =>
        labels is not { Count: > 0 }
            ? "<none>"
            : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
