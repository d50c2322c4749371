using Microsoft.EntityFrameworkCore;

namespace Returns.Data;

/// <summary>
/// An event written in the same transaction as the change it reports (case actions, notifications), so a
/// crash between the change and its delivery loses nothing. The webhook dispatcher reads these, and so does the
/// event feed (GET /events), which pages by <see cref="Position"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public Guid? CaseId { get; set; }
    public string Payload { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>
    /// The event's place in the feed, given after its transaction committed (<see cref="EventSequence"/>). Ids are
    /// drawn before commit, so on a server database a smaller id can commit after a larger one; a reader paging by id
    /// would step over it for good. Positions are handed out in commit order, one sequencer at a time.
    /// </summary>
    public long? Position { get; set; }
}

/// <summary>Gives committed outbox rows their feed positions, in id order, by one sequencer at a time.</summary>
public static class EventSequence
{
    public const int BatchSize = 1000;

    /// <summary>The PostgreSQL advisory lock of the sequencer (any fixed number no other code uses).</summary>
    private const string AdvisoryLock = "SELECT pg_try_advisory_xact_lock(5923638501) AS \"Value\"";

    /// <summary>
    /// Sequences what committed since the last call. A caller that finds another sequencing skips it: what it reads
    /// is then a little behind, never out of order. Returns how many rows got a position.
    /// </summary>
    public static async Task<int> Assign(ReturnsDbContext db, CancellationToken ct)
    {
        if (!await db.Outbox.AnyAsync(m => m.Position == null, ct)) return 0;
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TryLock(db, ct)) return 0;
        var last = await db.Outbox.MaxAsync(m => m.Position, ct) ?? 0;
        var rows = await db.Outbox.Where(m => m.Position == null).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var row in rows) row.Position = ++last;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// The sequencer's lock, held until the transaction ends. SQLite: the transaction itself (BEGIN IMMEDIATE holds the
    /// database's write lock, across processes too).
    /// </summary>
    private static async Task<bool> TryLock(ReturnsDbContext db, CancellationToken ct)
    {
        // Not composed (no LIMIT/TOP around it): SQL Server's batch cannot be a subquery.
        if (db.Database.IsNpgsql())
            return (await db.Database.SqlQueryRaw<bool>(AdvisoryLock).ToListAsync(ct)).Single();
        if (db.Database.IsSqlServer())
            return (await db.Database.SqlQueryRaw<int>(
                "DECLARE @r int; EXEC @r = sp_getapplock @Resource = 'returns-event-sequence', @LockMode = 'Exclusive', " +
                "@LockOwner = 'Transaction', @LockTimeout = 0; SELECT @r AS [Value]").ToListAsync(ct)).Single() >= 0;
        return true;
    }
}
