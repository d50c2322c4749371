using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Web.Infrastructure;

namespace Returns.Benchmarks;

/// <summary>
/// Creates the scenario's cases through the domain (<see cref="Case.Open"/> and the actions people take, which plan
/// their clocks from the real clock tables), and saves them in batches, one fresh DbContext per batch.
/// </summary>
public sealed class Seeder(IServiceProvider services, SweepScenario scenario, BenchOptions options, TextWriter output)
{
    private static readonly Actor Intake = new("erp-sync", Role.Agent);
    private readonly ConcurrentDictionary<string, ShopPolicy> _policies = new();
    private long _buildTicks;
    private long _saveTicks;

    /// <summary>Summed over the workers: creating the cases through the domain.</summary>
    public TimeSpan BuildTime => Stopwatch.GetElapsedTime(0, _buildTicks);

    /// <summary>Summed over the workers: EF Core's SaveChanges.</summary>
    public TimeSpan PlanAndSaveTime => Stopwatch.GetElapsedTime(0, _saveTicks);

    public async Task<TimeSpan> Run(CancellationToken ct)
    {
        var plans = scenario.Plans;
        var batchCount = (plans.Count + options.SeedBatch - 1) / options.SeedBatch;
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, batchCount),
            new ParallelOptions { MaxDegreeOfParallelism = options.SeedWorkers, CancellationToken = ct },
            async (batch, token) =>
            {
                var from = batch * options.SeedBatch;
                var to = Math.Min(plans.Count, from + options.SeedBatch);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
                // Every ChangeTracker.Entries() in the context's SaveChangesAsync would scan the whole batch again;
                // DetectChangesBeforeSave detects once, right before EF Core saves.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var policies = scope.ServiceProvider.GetRequiredService<ShopPolicies>();
                var batchStarted = Stopwatch.GetTimestamp();
                for (var i = from; i < to; i++)
                    db.Cases.Add(Build(plans[i], i + 1, policies));
                var built = Stopwatch.GetElapsedTime(batchStarted);
                await db.SaveChangesAsync(token);
                Interlocked.Add(ref _buildTicks, built.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
                Interlocked.Add(ref _saveTicks, Stopwatch.GetTimestamp() - batchStarted - built.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
                db.ChangeTracker.Clear();
                var total = Interlocked.Add(ref done, to - from);
                if (options.Verbose || total == plans.Count || batch % 10 == 9)
                    output.WriteLine($"  seeded {total,9:N0} / {plans.Count:N0} cases  ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"
                        + (options.Verbose ? $"  batch {batch + 1}: built {built.TotalMilliseconds:N0} ms, saved {(Stopwatch.GetElapsedTime(batchStarted) - built).TotalMilliseconds:N0} ms" : ""));
            });

        // The counter the service numbers new cases from.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
            await db.Counters.Where(c => c.Name == CaseCounter.CaseNumbers)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, (long)plans.Count), ct);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    private Case Build(CasePlan plan, long sequence, ShopPolicies policies)
    {
        var policy = _policies.GetOrAdd(plan.Shop, policies.For);
        var t = plan.CreatedAt;
        var agent = new Actor(plan.Agent, Role.Agent);
        var delivered = t - plan.DeliveredBefore;
        var orderItems = Enumerable.Range(0, plan.ItemCount)
            .Select(k => new OrderItem($"SKU-{(plan.Salt + k * 7919) % 20_000:D5}", $"商品 {(plan.Salt + k * 7919) % 20_000}", 1 + k % 2, plan.UnitPrice))
            .ToList();
        var order = new OrderSnapshot($"TB{3_000_000_000 + sequence}", delivered - TimeSpan.FromDays(2), delivered, null, plan.ShippingFee, orderItems);
        var first = orderItems[0];
        var opening = new Case.Opening(
            plan.Type,
            plan.Shop,
            policy.Currency,
            order,
            new Buyer($"买家{sequence}", (plan.Salt % 3 == 0) ? $"138{plan.Salt % 100_000_000:D8}" : null),
            plan.Reason,
            plan.Type == CaseType.BadReview ? null : "买家申请售后 / buyer request",
            plan.Type == CaseType.BadReview ? [] : [new CaseItem(first.Sku, 1)],
            plan.Type == CaseType.Exchange ? [new ExchangeItem(first.Sku + "-ALT", 1, "换尺码 / other size")] : [],
            Priority.Normal,
            null,
            plan.Type == CaseType.Discount ? (plan.ShippingFee + (plan.DiscountAboveCap ? 5m : 0m), "线头 / loose thread") : null,
            plan.Type == CaseType.BadReview ? new Review(plan.Rating, "质量一般,和描述不符 / not as described", t - plan.PostedBefore) : null);

        var @case = Case.Open(opening, sequence, new ActionContext(Intake, t, policy));
        if (plan.Group == CaseGroup.DueUntouched) return @case;

        // The seeded agents are the benchmark's own people, all active.
        @case.Assign(plan.Agent, new Person(plan.Agent, Role.Agent, true), new ActionContext(agent, t + plan.AssignAfter, policy));
        if (plan.Group is CaseGroup.Fresh or CaseGroup.DueDecisionWarning or CaseGroup.DueReviewContactWarning) return @case;

        // Approved by the agent an hour in (quality reasons with the buyer's photo first) ...
        if (ReasonCatalog.Get(plan.Reason!).IsQuality)
        {
            var photoAt = t + TimeSpan.FromMinutes(20);
            @case.AddEvidence(new EvidenceItem(Guid.CreateVersion7(photoAt), "photo.jpg", "image/jpeg", 180_000, plan.Agent, photoAt), new ActionContext(agent, photoAt, policy));
        }
        @case.Approve("同意退货 / approved", new ActionContext(agent, t + TimeSpan.FromHours(1), policy));
        if (plan.Group == CaseGroup.AwaitingShipment) return @case;

        // ... and the buyer shipped the parcel back a day later.
        @case.RecordReturnShipment("SF", $"SF{7_000_000_000L + sequence}", 12m, false, new ActionContext(agent, t + TimeSpan.FromDays(1), policy));
        return @case;
    }
}
