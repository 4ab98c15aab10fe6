using System.Text.RegularExpressions;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// DNS-style name rules. Each check returns the problems as Kubernetes words them (empty when valid),
/// so callers can wrap them into <see cref="FieldError.Invalid"/> for whatever field they check.
/// </summary>
public static partial class NameSyntax
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
        "and must start and end with an alphanumeric character";

    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
        "and must start and end with an alphanumeric character";

    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', " +
        "start with an alphabetic character, and end with an alphanumeric character";

    public static IReadOnlyList<string> IsDns1123Label(string value) =>
        Check(value, Dns1123LabelMaxLength, Dns1123Label(), Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc");

    public static IReadOnlyList<string> IsDns1123Subdomain(string value) =>
        Check(value, Dns1123SubdomainMaxLength, Dns1123Subdomain(), Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com");

    public static IReadOnlyList<string> IsDns1035Label(string value) =>
        Check(value, Dns1035LabelMaxLength, Dns1035Label(), Dns1035LabelMessage, Dns1035LabelFormat, "my-name", "abc-123");

    /// <summary>"must be no more than N characters", the length message shared by every rule.</summary>
    public static string MaxLengthMessage(int max) => $"must be no more than {max} characters";

    /// <summary>
    /// A pattern message followed by examples and the regex, in the exact shape Kubernetes prints
    /// (including its doubled space before "or", which clients may match on).
    /// </summary>
    public static string RegexMessage(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return $"{message} (regex used for validation is '{format}')";
        }

        var text = string.Join(" or ", examples.Select(e => $"'{e}', "));
        return $"{message} (e.g. {text}regex used for validation is '{format}')";
    }

    private static IReadOnlyList<string> Check(
        string value, int max, Regex regex, string message, string format, params string[] examples)
    {
        var errors = new List<string>();
        if (value.Length > max)
        {
            errors.Add(MaxLengthMessage(max));
        }

        if (!regex.IsMatch(value))
        {
            errors.Add(RegexMessage(message, format, examples));
        }

        return errors;
    }

    [GeneratedRegex("\\A(?:" + Dns1123LabelFormat + ")\\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("\\A(?:" + Dns1123SubdomainFormat + ")\\z")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("\\A(?:" + Dns1035LabelFormat + ")\\z")]
    private static partial Regex Dns1035Label();
}
