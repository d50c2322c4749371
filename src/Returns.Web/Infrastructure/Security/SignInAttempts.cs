using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Returns.Data;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// The lockout, exact under concurrency (issue 19, item 7): a password is checked only after its attempt was taken with a
/// conditional UPDATE (<c>AccessFailedCount &lt; MaxFailedSignIns</c>), so however many wrong passwords arrive at once,
/// exactly <c>MaxFailedSignIns</c> are checked before the account locks. The count stays at the maximum while locked and
/// starts again when the lockout runs out; a right password resets it. Runs on every provider: each statement locks the
/// row it changes, and a concurrent one re-reads it before matching.
/// </summary>
public sealed class SignInAttempts(ReturnsDbContext db, IOptions<IdentityOptions> identity)
{
    private int Max => identity.Value.Lockout.MaxFailedAccessAttempts;

    private TimeSpan LockFor => identity.Value.Lockout.DefaultLockoutTimeSpan;

    /// <summary>Takes one attempt; false when the account is locked or disabled, or its last attempts are being checked now.</summary>
    public async Task<bool> TryTake(string userId, DateTimeOffset now, CancellationToken ct)
    {
        var max = Max;
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        // A lockout that ran out starts the count again.
        await db.Users.Where(u => u.Id == userId && u.LockoutEnd != null && u.LockoutEnd <= now && u.AccessFailedCount >= max)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
        return await db.Users.Where(u => u.Id == userId && u.AccessFailedCount < max && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct) == 1;
    }

    /// <summary>A wrong password: its attempt stays counted. True when it was the last one and has now locked the account.</summary>
    public async Task<bool> Failed(string userId, DateTimeOffset now, CancellationToken ct)
    {
        var max = Max;
        var until = now + LockFor;
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        return await db.Users.Where(u => u.Id == userId && u.AccessFailedCount >= max && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), ct) == 1;
    }

    /// <summary>The right password: the failures before it are forgiven.</summary>
    public async Task Succeeded(string userId, CancellationToken ct)
    {
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await db.Users.Where(u => u.Id == userId && u.AccessFailedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct);
    }

    /// <summary>Seconds until the account may try again (at least 1: attempts being checked now end in a moment).</summary>
    public async Task<int> LockedForSeconds(string userId, DateTimeOffset now, CancellationToken ct)
    {
        var until = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleOrDefaultAsync(ct) ?? now;
        return Math.Max(1, (int)Math.Min(int.MaxValue, (until - now).TotalSeconds));
    }
}
