using Microsoft.EntityFrameworkCore;
using Returns.Data;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Hands out case sequence numbers (the digits of <c>AS-000042</c>, unique across nodes, never reused; gaps allowed).
/// On a server database each node reserves a block of numbers in a short transaction of its own and numbers its creates
/// from memory, so creates no longer queue behind one counter row held until each create commits. SQLite has one
/// writer at a time anyway: there the counter moves inside the create's own transaction.
/// </summary>
public sealed class CaseNumbers(IServiceScopeFactory scopes)
{
    /// <summary>Numbers a node reserves at a time: a restart leaves at most this many unused.</summary>
    public const int BlockSize = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _next;
    private long _end;

    public async Task<long> Next(ReturnsDbContext requestDb, CancellationToken ct)
    {
        if (requestDb.Database.IsSqlite()) return await Increment(requestDb, 1, ct);
        await _gate.WaitAsync(ct);
        try
        {
            if (_next >= _end)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
                await using var reservation = await db.Database.BeginTransactionAsync(ct);
                var last = await Increment(db, BlockSize, ct);
                await reservation.CommitAsync(ct);
                (_next, _end) = (last - BlockSize + 1, last + 1);
            }
            return _next++;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Moves the counter on by <paramref name="count"/> and answers its new value (the last number reserved).</summary>
    private static async Task<long> Increment(ReturnsDbContext db, int count, CancellationToken ct)
    {
        await db.Counters.Where(c => c.Name == CaseCounter.CaseNumbers)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + count), ct);
        return await db.Counters.Where(c => c.Name == CaseCounter.CaseNumbers).Select(c => c.Value).SingleAsync(ct);
    }
}
