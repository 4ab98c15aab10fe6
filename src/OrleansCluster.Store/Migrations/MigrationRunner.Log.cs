using Microsoft.Extensions.Logging;

namespace OrleansCluster.Store.Migrations;

public static partial class MigrationRunner
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} to database {Database}")]
    private static partial void LogApplied(ILogger logger, string version, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations on {Database}: {Applied} applied, {Skipped} already present")]
    private static partial void LogDone(ILogger logger, string database, int applied, int skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreatedDatabase(ILogger logger, string database);
}
