using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>Sorts PostgreSQL failures into "run it again", "the database is unavailable" and everything else.</summary>
internal static class PostgresFaults
{
    /// <summary>A transaction PostgreSQL aborted to keep its guarantees; running it again can succeed.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <summary>
    /// The database could not be reached, went away mid-request, is starting or stopping, is out of
    /// connections, or turned out to be a read-only standby. The transaction did not commit (or its outcome is
    /// unknown when the connection broke during the commit); nothing half-written is ever visible.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)                  // insufficient resources
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.ReadOnlySqlTransaction
                or PostgresErrorCodes.IdleSessionTimeout,
        // Every other NpgsqlException is raised by the client: connect failures, broken streams, timeouts,
        // an exhausted pool, no suitable host.
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>Whether the failure means the pooled connections are probably dead (the server restarted or is gone).</summary>
    public static bool BreaksConnections(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        _ => true,
    };
}
