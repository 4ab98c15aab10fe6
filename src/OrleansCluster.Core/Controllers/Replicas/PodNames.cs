using System.Security.Cryptography;
using System.Text;

namespace OrleansCluster.Core.Controllers.Replicas;

/// <summary>
/// Names of the pods a replica owner makes: <c>{owner}-{5 characters}</c> as Kubernetes' generateName gives, but drawn
/// from the owner's uid and a slot number instead of at random. A controller that died between its creates and
/// seeing them therefore asks for the same names again and gets AlreadyExists, never a second pod: no expectations
/// to lose with a process.
/// </summary>
public static class PodNames
{
    /// <summary>Kubernetes' generateName alphabet: no vowels, no look-alike characters.</summary>
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int SuffixLength = 5;
    private const int MaxNameLength = 63;

    /// <summary>The name of slot <paramref name="slot"/> of the owner named <paramref name="owner"/> with <paramref name="uid"/>.</summary>
    public static string For(string owner, string uid, int slot)
    {
        var prefix = owner + "-";
        if (prefix.Length > MaxNameLength - SuffixLength)
        {
            prefix = prefix[..(MaxNameLength - SuffixLength)];
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{uid}/{slot}"));
        var suffix = new char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++)
        {
            suffix[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return prefix + new string(suffix);
    }

    /// <summary><paramref name="count"/> names of the lowest slots whose names are not taken.</summary>
    public static IReadOnlyList<string> Free(string owner, string uid, int count, IReadOnlySet<string> taken)
    {
        var names = new List<string>(count);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        for (var slot = 0; names.Count < count; slot++)
        {
            var name = For(owner, uid, slot);
            if (!taken.Contains(name) && chosen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
