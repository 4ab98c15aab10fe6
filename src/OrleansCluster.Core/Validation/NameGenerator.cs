namespace OrleansCluster.Core.Validation;

/// <summary>
/// Turns <c>metadata.generateName</c> into a name the way the API server does: the prefix, cut so the
/// result fits a 63-character label, plus five random characters. The caller retries on a name clash.
/// </summary>
public static class NameGenerator
{
    public const int RandomLength = 5;
    public const int MaxNameLength = 63;
    private const int MaxPrefixLength = MaxNameLength - RandomLength;

    // Consonants and digits without vowels or look-alikes, so generated suffixes never spell words or confuse readers.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <param name="generateName">The prefix, e.g. <c>web-</c>.</param>
    /// <param name="next">Returns a random integer in [0, n) for n; inject for deterministic tests.</param>
    public static string Generate(string generateName, Func<int, int> next)
    {
        var prefix = generateName.Length > MaxPrefixLength ? generateName[..MaxPrefixLength] : generateName;
        var suffix = new char[RandomLength];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[next(Alphabet.Length)];
        }

        return prefix + new string(suffix);
    }

    public static string Generate(string generateName, Random random) => Generate(generateName, random.Next);

    /// <summary>
    /// Checks a generateName prefix with the kind's name rule. A trailing '-' is allowed because the random suffix follows it.
    /// </summary>
    public static IReadOnlyList<string> ValidatePrefix(string generateName, Func<string, IReadOnlyList<string>> nameRule)
    {
        var masked = generateName.EndsWith('-') ? generateName[..^1] + "a" : generateName;
        return nameRule(masked);
    }
}
