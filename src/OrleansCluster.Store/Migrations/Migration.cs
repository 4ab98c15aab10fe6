using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace OrleansCluster.Store.Migrations;

/// <summary>One numbered SQL file from db/migrations, embedded in the Store assembly.</summary>
/// <param name="Version">The file name without extension, e.g. <c>0010_orleans_query_table</c>; orders the files.</param>
/// <param name="Sql">The script text, applied as one transaction.</param>
/// <param name="Checksum">Lower-case hex SHA-256 of the script with line endings normalised.</param>
public sealed record Migration(string Version, string Sql, string Checksum)
{
    private const string ResourcePrefix = "migrations/";
    private const string ResourceSuffix = ".sql";

    /// <summary>All migrations embedded in the Store assembly, in the order they must be applied.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded() => Load(typeof(Migration).Assembly);

    internal static IReadOnlyList<Migration> Load(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => FromText(n[ResourcePrefix.Length..^ResourceSuffix.Length], ReadResource(assembly, n)))
            .ToList();

    /// <summary>Builds a migration from script text; the checksum ignores CR so a CRLF checkout is not a "changed" file.</summary>
    public static Migration FromText(string version, string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalised));
        return new Migration(version, normalised, Convert.ToHexStringLower(hash));
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration '{name}' could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
