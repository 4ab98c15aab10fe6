using System.Text.RegularExpressions;

namespace OrleansCluster.Core.Validation;

/// <summary>Port numbers, IANA service names (named ports) and environment variable names.</summary>
public static partial class PortSyntax
{
    public const int PortNameMaxLength = 15;

    private const string EnvVarNameFormat = "[-._a-zA-Z][-._a-zA-Z0-9]*";

    private const string EnvVarNameMessage =
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', " +
        "and must not start with a digit";

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

    public static IReadOnlyList<string> IsEnvVarName(string name)
    {
        var errors = new List<string>();
        if (!EnvVarName().IsMatch(name))
        {
            errors.Add(NameSyntax.RegexMessage(EnvVarNameMessage, EnvVarNameFormat, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }

        // '.' and '..' would let a name act as a relative path where env names become file names.
        if (name == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (name == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (name.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    [GeneratedRegex("\\A[-a-z0-9]+\\z")]
    private static partial Regex PortNameChars();

    [GeneratedRegex("\\A(?:" + EnvVarNameFormat + ")\\z")]
    private static partial Regex EnvVarName();
}
