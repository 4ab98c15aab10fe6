using System.Text.RegularExpressions;

namespace OrleansCluster.Core.Validation;

/// <summary>Port numbers and IANA service names (named ports).</summary>
public static partial class PortSyntax
{
    public const int PortNameMaxLength = 15;

    public static string InclusiveRangeMessage(long low, long high) => $"must be between {low} and {high}, inclusive";

    public static IReadOnlyList<string> IsValidPortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeMessage(1, 65535)];

    /// <summary>An IANA_SVC_NAME: 1-15 of [a-z0-9-], at least one letter, no leading, trailing or doubled hyphen.</summary>
    public static IReadOnlyList<string> IsValidPortName(string name)
    {
        var errors = new List<string>();
        if (name.Length > PortNameMaxLength)
        {
            errors.Add(NameSyntax.MaxLengthMessage(PortNameMaxLength));
        }

        if (!PortNameChars().IsMatch(name))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!name.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    [GeneratedRegex("\\A[-a-z0-9]+\\z")]
    private static partial Regex PortNameChars();
}
