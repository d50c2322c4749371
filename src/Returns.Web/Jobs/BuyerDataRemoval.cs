using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Privacy;
using Returns.Web.Infrastructure;

namespace Returns.Web.Jobs;

/// <summary><c>Returns:Privacy</c>: how long a closed case keeps the buyer's contact data.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Returns:Privacy";

    /// <summary>Days after a case closed (its last change) before its buyer's phone is removed; at least 1.</summary>
    public int RetainBuyerDataDays { get; set; } = BuyerDataRetention.DefaultDays;
}

public sealed record RemovalResult(int Removed, int Batches, int Failed);

/// <summary>
/// Daily: removes the buyer's phone from the cases closed longer than <see cref="PrivacyOptions.RetainBuyerDataDays"/>
/// (docs/business-rules.md §7), in batches, each case deciding for itself (<see cref="Case.RemoveBuyerData"/>). What was
/// removed is never found again, so a second run, or two nodes at once, change nothing twice.
/// </summary>
[AutomaticRetry(Attempts = 0)] // tomorrow's run is the retry
public sealed class BuyerDataRemoval(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PrivacyOptions> options, ILogger<BuyerDataRemoval> log)
{
    public const int DefaultBatchSize = 200;

    /// <summary>Cases loaded and saved together: one transaction each.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    public async Task<RemovalResult> Run(CancellationToken ct = default)
    {
        var days = options.Value.RetainBuyerDataDays;
        var now = Instants.Stored(clock.GetUtcNow());
        int removed = 0, batches = 0, failed = 0;
        // Walk by case sequence: a batch that fails is left for tomorrow and never holds up the rest.
        for (long after = 0; ; batches++)
        {
            var due = await Due(now, days, after, ct);
            if (due.Count == 0) break;
            after = due[^1].Sequence;
            try
            {
                removed += await Remove(due.Select(d => d.Id).ToList(), now, days, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed += due.Count;
                log.LogWarning(e, "Buyer data removal: {Count} case(s) left for the next run", due.Count);
            }
        }
        if (removed + failed > 0)
            log.LogInformation("Buyer data removal: {Removed} case(s) cleared, {Failed} left for the next run, {Batches} batches", removed, failed, batches);
        return new RemovalResult(removed, batches, failed);
    }

    private sealed record DueCase(Guid Id, long Sequence);

    private async Task<List<DueCase>> Due(DateTimeOffset now, int days, long after, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        return await db.Cases.AsNoTracking().Where(BuyerDataRetention.Due(now, days)).Where(c => c.Sequence > after)
            .OrderBy(c => c.Sequence).Take(BatchSize).Select(c => new DueCase(c.Id, c.Sequence)).ToListAsync(ct);
    }

    private async Task<int> Remove(IReadOnlyList<Guid> ids, DateTimeOffset now, int days, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReturnsDbContext>();
        var policies = services.GetRequiredService<ShopPolicies>();

        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cases = await db.Cases.Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var removed = cases.Count(c => c.RemoveBuyerData(days, new ActionContext(Actor.System, now, policies.For(c.Shop))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }
}
