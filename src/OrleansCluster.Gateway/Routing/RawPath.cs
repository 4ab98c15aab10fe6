namespace OrleansCluster.Gateway.Routing;

/// <summary>
/// The request target as the client sent it. The server removes <c>.</c> and <c>..</c> segments (also encoded ones,
/// <c>%2e%2e</c>) before routing, which would let <c>…/pods/victim/..</c> name the pod collection and
/// <c>…/pods/%2e%2e</c> the namespace; Kubernetes never walks up a path, so such a target is refused instead.
/// </summary>
public static class RawPath
{
    /// <summary>The first segment of the target's path that is <c>.</c> or <c>..</c> once percent-decoded, if any.</summary>
    public static string? DotSegment(string rawTarget)
    {
        var end = rawTarget.IndexOfAny(['?', '#']);
        var path = end < 0 ? rawTarget : rawTarget[..end];
        foreach (var segment in path.Split('/'))
        {
            // "." and ".." are at most six characters however they are encoded ("%2E%2e").
            if (segment.Length is > 0 and <= 6 && Uri.UnescapeDataString(segment) is var dots && dots is "." or "..")
            {
                return dots;
            }
        }

        return null;
    }
}
