using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Returns.Data;

public static class DbErrors
{
    /// <summary>True when a write lost to a concurrent one on a unique index (e.g. the same case version twice).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        // 2627: unique constraint, 2601: unique index.
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };

    /// <summary>True when the database chose this write to break a deadlock; repeating it is safe.</summary>
    public static bool IsDeadlock(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.DeadlockDetected,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number == 1205,
        _ => false,
    };
}
