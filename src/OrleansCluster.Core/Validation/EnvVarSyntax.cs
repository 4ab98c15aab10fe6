using System.Text.RegularExpressions;

namespace OrleansCluster.Core.Validation;

/// <summary>Environment variable names, in Kubernetes' strict (pre-relaxation) form.</summary>
public static partial class EnvVarSyntax
{
    private const string EnvVarNameFormat = "[-._a-zA-Z][-._a-zA-Z0-9]*";

    private const string EnvVarNameMessage =
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', " +
        "and must not start with a digit";

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

    [GeneratedRegex("\\A(?:" + EnvVarNameFormat + ")\\z")]
    private static partial Regex EnvVarName();
}
