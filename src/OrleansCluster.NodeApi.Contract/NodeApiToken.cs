using System.Security.Cryptography;

namespace OrleansCluster.NodeApi;

/// <summary>
/// The bearer token the gateway presents to node APIs: <c>kubelet.token</c> in the machine's PKI directory, made by
/// whichever side starts first. Both sides only ever read a complete file: it is written aside and moved into place.
/// </summary>
public static class NodeApiToken
{
    public const string FileName = "kubelet.token";

    public static string LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var temporary = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}");
            File.WriteAllText(temporary, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // No overwrite: when another process won the race, its token stands and ours is dropped.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return File.ReadAllText(path).Trim();
    }

    /// <summary>Whether an <c>Authorization</c> header carries <paramref name="token"/> (constant-time).</summary>
    public static bool Matches(string? authorization, string token)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(authorization[Bearer.Length..].Trim()), System.Text.Encoding.UTF8.GetBytes(token));
    }
}
