namespace OrleansCluster.Pki;

/// <summary>
/// The folder of a machine's cluster credentials (<c>.cluster/pki</c> in the quick start), shared by its silos:
/// whoever needs a file that is missing makes it under <see cref="Lock"/>, so concurrent silos agree on one.
/// </summary>
public static class PkiFolder
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An exclusive lock on <paramref name="directory"/> across processes (made when missing); dispose to release.</summary>
    public static IDisposable Lock(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ".lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to a file only its owner may read (a key, a token).</summary>
    public static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
