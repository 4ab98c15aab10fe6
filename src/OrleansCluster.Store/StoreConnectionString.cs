using Npgsql;

namespace OrleansCluster.Store;

/// <summary>The connection settings the store runs best with.</summary>
public static class StoreConnectionString
{
    /// <summary>
    /// Adds the Npgsql options measured to halve PostgreSQL's CPU per write (no session reset when a pooled
    /// connection is returned; automatic preparation of the hot statements), unless the caller set them.
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 20;
        }

        return builder.ConnectionString;
    }
}
