using Npgsql;

namespace OrleansCluster.Store;

/// <summary>How a failure of the PostgreSQL driver is told apart: the store out of reach, or something else.</summary>
public static class StoreFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> (or an exception inside it) says the store could not be reached or
    /// answered in time: connection refused or lost, the server shutting down, a command or pool timeout. Npgsql marks
    /// exactly these transient; a retry later may succeed.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        Find(exception) is { IsTransient: true };

    /// <summary>The driver's exception in <paramref name="exception"/>, or null when the failure is not the driver's.</summary>
    public static NpgsqlException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException npgsql:
                    return npgsql;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return Find(aggregate.InnerExceptions[0]);
            }
        }

        return null;
    }
}
