namespace OrleansCluster.Store.Migrations;

/// <summary>
/// An already applied migration file was edited. Applied files are immutable: add a new, higher-numbered file instead.
/// </summary>
public sealed class MigrationChecksumMismatchException(string version, string appliedChecksum, string fileChecksum)
    : InvalidOperationException(
        $"Migration '{version}' was already applied with checksum {appliedChecksum}, but the embedded file now has checksum " +
        $"{fileChecksum}. Applied migrations must not be edited; revert the file and add a new, higher-numbered migration instead.")
{
    public string Version { get; } = version;
    public string AppliedChecksum { get; } = appliedChecksum;
    public string FileChecksum { get; } = fileChecksum;
}
