using Hangfire;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Web.Infrastructure;

namespace Returns.Web.Jobs;

public sealed record SweepResult(int Processed, int Batches, int Failed);

/// <summary>
/// Every minute: finds the clocks that are due (by index, so the work grows with what is due, not with open
/// cases), claims them atomically so that each warning and each due effect happens exactly once across nodes,
/// and lets each case answer its clock as the system (<see cref="Case.OnClock"/>).
/// </summary>
[AutomaticRetry(Attempts = 0)] // the next minute's run is the retry; claims make overlapping runs harmless
public sealed class DeadlineSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineSweep> log)
{
    public const int BatchSize = 200;

    /// <summary>A node that dies mid-batch holds its claim this long; then another node takes the work.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Batches processed at once: one claims the next batch while others load, decide and save.</summary>
    public static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public async Task<SweepResult> Run(CancellationToken ct = default)
    {
        int processed = 0, batches = 0, failed = 0;
        var running = new List<Task<(int Processed, int Failed)>>(Workers);
        void Count((int Processed, int Failed) done)
        {
            processed += done.Processed;
            failed += done.Failed;
        }
        try
        {
            for (; batches < 10_000; batches++)
            {
                var now = clock.GetUtcNow();
                var claimed = await Claim(now, ct);
                if (claimed.Count == 0) break;
                running.Add(ProcessBatch(claimed, now, ct));
                if (running.Count < Workers) continue;
                var done = await Task.WhenAny(running);
                running.Remove(done);
                Count(await done);
            }
        }
        finally
        {
            // A cancelled or failed claim still lets the batches in flight finish (or fail) before the run ends.
            foreach (var batch in running)
            {
                try { Count(await batch); }
                catch (OperationCanceledException) { }
            }
        }
        if (processed + failed > 0)
            log.LogInformation("Deadline sweep: {Processed} processed, {Failed} left for retry, {Batches} batches", processed, failed, batches);
        return new SweepResult(processed, batches, failed);
    }

    private async Task<(int Processed, int Failed)> ProcessBatch(IReadOnlyList<Guid> claimed, DateTimeOffset now, CancellationToken ct)
    {
        await Task.Yield(); // the caller goes on claiming the next batch meanwhile
        if (await TryProcess(claimed, now, ct)) return (claimed.Count, 0);
        // One bad row (or a person changing a case at that very moment) must not hold up the others.
        int processed = 0, failed = 0;
        foreach (var id in claimed)
        {
            if (await TryProcess([id], now, ct)) processed++;
            else failed++;
        }
        return (processed, failed);
    }

    private async Task<IReadOnlyList<Guid>> Claim(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var due = await db.Deadlines
            .Where(d => d.NextCheckAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextCheckAt)
            .Select(d => d.CaseId)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0) return [];

        // The conditional UPDATE is the claim: of two nodes racing for a row, only one matches it. All the due
        // clocks of a case go into the same batch, so that batches processed at once never save the same case.
        var token = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        var until = now + ClaimFor;
        var cases = due.Distinct().ToList();
        await db.Deadlines
            .Where(d => cases.Contains(d.CaseId) && d.NextCheckAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, until), ct);
        return await db.Deadlines.Where(d => cases.Contains(d.CaseId) && d.ClaimedBy == token).Select(d => d.Id).ToListAsync(ct);
    }

    private async Task<bool> TryProcess(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await Process(ids, now, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Deadline sweep: {Count} deadline(s) not processed; their claim runs out and they are retried", ids.Count);
            return false;
        }
    }

    /// <summary>Loads the claimed clocks' cases, lets each case answer its clock, saves: no outcome is decided here.</summary>
    private async Task Process(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReturnsDbContext>();
        var policies = services.GetRequiredService<ShopPolicies>();

        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var caseIds = await db.Deadlines.Where(d => ids.Contains(d.Id)).Select(d => d.CaseId).Distinct().ToListAsync(ct);
        var cases = await db.Cases.Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        // Loaded beside the cases rather than by Include: the change tracker puts each clock on its case, and EF
        // Core's Include shaper builds delegates for every row it reads (dotnet/efcore#35212).
        await db.Deadlines.Where(d => caseIds.Contains(d.CaseId)).LoadAsync(ct);

        foreach (var (deadline, @case) in cases.SelectMany(c => c.Deadlines.Where(d => ids.Contains(d.Id)).Select(d => (d, c))).OrderBy(x => x.d.NextCheckAt).ToList())
            db.Notifications.AddRange(@case.OnClock(deadline, new ActionContext(Actor.System, now, policies.For(@case.Shop))));

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
