using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Returns.Data;

/// <summary>
/// One order's money moves one request at a time, across nodes: the lock is the order's (shop and order number), held
/// until the transaction ends, so a second refund on another case of the order waits and then reads what the first wrote.
/// </summary>
public static class OrderLock
{
    public static async Task AcquireAsync(DatabaseFacade database, string shop, string orderNumber, CancellationToken ct)
    {
        if (database.CurrentTransaction is null)
            throw new InvalidOperationException("The order lock is held by a transaction; take it inside one.");
        if (database.IsNpgsql())
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(shop, orderNumber)})", ct);
        else if (database.IsSqlServer())
            await database.ExecuteSqlAsync($"""
                DECLARE @granted int;
                EXEC @granted = sp_getapplock @Resource = {"order:" + shop + "\n" + orderNumber}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;
                IF @granted < 0 THROW 51000, 'The order''s lock was not granted in time.', 1;
                """, ct);
        // SQLite has one writer at a time, held for the whole command (SqliteWriteGate): nothing more to take.
    }

    /// <summary>A stable 64-bit key for PostgreSQL's advisory locks (two orders sharing one only wait for each other).</summary>
    private static long Key(string shop, string orderNumber) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(shop + "\n" + orderNumber)), 0);
}
