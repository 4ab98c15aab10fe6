namespace OrleansCluster.Core.Selectors;

/// <summary>
/// A label or field selector that Kubernetes would reject. <see cref="Reason"/> is the text the
/// selector parser itself reports (<c>unable to parse requirement: ...</c>); the message adds the selector
/// string the way client-go does, so either can be shown to a user as a 400 Bad Request.
/// </summary>
public sealed class SelectorParseException : FormatException
{
    public SelectorParseException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public SelectorParseException(string selector, string reason)
        : base($"couldn't parse the selector string \"{selector}\": {reason}")
    {
        Selector = selector;
        Reason = reason;
    }

    /// <summary>The selector text as the client sent it, when there was one.</summary>
    public string? Selector { get; }

    public string Reason { get; }
}
