using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// Sessions live on the server (issue 19, item 6): the cookie carries a session id, and every request must find its row
/// and the person's unchanged security stamp in the shared database. Signing out deletes the row; signing out everywhere,
/// disabling a person, changing their role or resetting their password deletes all of theirs and changes the stamp. Nothing
/// is cached, so a session ended on one node is refused by every node on its next request.
/// </summary>
public static class SessionStore
{
    public const string Claim = "returns:session";

    /// <summary>A session unused this long ends, as its sliding cookie would.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);

    /// <summary>How stale <see cref="UserSession.LastSeenAt"/> may get: a write per request would cost more than the read.</summary>
    private static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(5);

    /// <summary>Sessions run on wall time, like their cookies: the injected clock is business time (a fake one in tests).</summary>
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    /// <summary>Opens a session for the person and purges their idle ones; returns the id for the cookie.</summary>
    public static async Task<string> Start(ReturnsDbContext db, string userId, CancellationToken ct)
    {
        var now = Now;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using (await Writer(db, ct))
            await db.Sessions.Where(s => s.UserId == userId && s.LastSeenAt < now - IdleTimeout).ExecuteDeleteAsync(ct);
        db.Sessions.Add(new UserSession { Id = id, UserId = userId, CreatedAt = now, LastSeenAt = now });
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Ends one session (sign-out); false when it had already ended.</summary>
    public static async Task<bool> End(ReturnsDbContext db, string? sessionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(sessionId)) return false;
        await using (await Writer(db, ct))
            return await db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// Ends every session of the person: their rows go, and the new security stamp refuses any cookie issued before,
    /// even one whose sign-in was completing at this moment. Returns how many sessions were open.
    /// </summary>
    public static async Task<int> EndAll(ReturnsDbContext db, UserManager<ReturnsUser> users, ReturnsUser user, CancellationToken ct)
    {
        int ended;
        await using (await Writer(db, ct))
            ended = await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            throw new ProblemException(409, "concurrent-update", "Changed by someone else", "The person was changed at the same time; try again.");
        return ended;
    }

    /// <summary>The cookie's check on every request: its session still open, its person's stamp unchanged.</summary>
    public static async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var sessionId = principal?.FindFirstValue(Claim);
        var userId = principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (sessionId is null || userId is null || stamp is null)
        {
            await Reject(context);
            return;
        }

        var db = services.GetRequiredService<ReturnsDbContext>();
        var ct = context.HttpContext.RequestAborted;
        var now = Now;
        var session = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.LastSeenAt, u.SecurityStamp })
            .SingleOrDefaultAsync(ct);
        if (session is null || session.SecurityStamp != stamp || session.LastSeenAt < now - IdleTimeout)
        {
            await Reject(context);
            return;
        }
        if (session.LastSeenAt < now - SeenEvery)
            await using (await Writer(db, ct))
                await db.Sessions.Where(s => s.Id == sessionId && s.LastSeenAt < now - SeenEvery)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    /// <summary>SQLite's writer slot for a statement of its own; inside a command's transaction it is already held.</summary>
    private static async ValueTask<IAsyncDisposable> Writer(ReturnsDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await SqliteWriteGate.EnterAsync(db.Database, ct) : NoWriter.Instance;

    private sealed class NoWriter : IAsyncDisposable
    {
        public static readonly NoWriter Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
