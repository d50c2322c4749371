using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Deadlines;
using Returns.Web.Infrastructure;

namespace Returns.Web.Jobs;

public sealed record SweepResult(int Processed, int Batches, int Failed);

/// <summary>
/// Every minute: finds the clocks that are due (by index, so the work grows with what is due, not with open
/// cases), claims them atomically so that each warning and each due effect happens exactly once across nodes,
/// and sends the same Mediator commands people use, as the system.
/// </summary>
public sealed class DeadlineSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineSweep> log)
{
    public const int BatchSize = 200;

    /// <summary>A node that dies mid-batch holds its claim this long; then another node takes the work.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task<SweepResult> Run(CancellationToken ct = default)
    {
        int processed = 0, batches = 0, failed = 0;
        for (; batches < 10_000; batches++)
        {
            var now = clock.GetUtcNow();
            var claimed = await Claim(now, ct);
            if (claimed.Count == 0) break;
            if (await TryProcess(claimed, now, ct))
            {
                processed += claimed.Count;
                continue;
            }
            // One bad row (or a person changing a case at that very moment) must not hold up the others.
            foreach (var id in claimed)
            {
                if (await TryProcess([id], now, ct)) processed++;
                else failed++;
            }
        }
        if (processed + failed > 0)
            log.LogInformation("Deadline sweep: {Processed} processed, {Failed} left for retry, {Batches} batches", processed, failed, batches);
        return new SweepResult(processed, batches, failed);
    }

    private async Task<IReadOnlyList<Guid>> Claim(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var due = await db.Deadlines
            .Where(d => d.NextCheckAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextCheckAt)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0) return [];

        // The conditional UPDATE is the claim: of two nodes racing for a row, only one matches it.
        var token = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        var until = now + ClaimFor;
        await db.Deadlines
            .Where(d => due.Contains(d.Id) && d.NextCheckAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, until), ct);
        return await db.Deadlines.Where(d => due.Contains(d.Id) && d.ClaimedBy == token).Select(d => d.Id).ToListAsync(ct);
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

    private async Task Process(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReturnsDbContext>();
        var mediator = services.GetRequiredService<IMediator>();
        var policies = services.GetRequiredService<ShopPolicies>();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var caseIds = await db.Deadlines.Where(d => ids.Contains(d.Id)).Select(d => d.CaseId).Distinct().ToListAsync(ct);
        var cases = await db.Cases.Include(c => c.Deadlines).Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);

        foreach (var deadline in cases.SelectMany(c => c.Deadlines).Where(d => ids.Contains(d.Id)).OrderBy(d => d.NextCheckAt))
        {
            var @case = cases.First(c => c.Id == deadline.CaseId);
            if (deadline.EventAt(now) is not { } what) continue;
            var policy = policies.For(@case.Shop);
            var response = DeadlineRules.ResponseTo(deadline.Kind, what, @case.UnansweredContactAttempts, policy.Deadlines.ContactChaserEscalateAfter);
            if (what == DeadlineEvent.Warning) deadline.Warned(now);
            else deadline.Breached(now);
            await Respond(mediator, @case, deadline, what, response, ct);
        }

        await db.SaveCaseChangesAsync(policies, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task Respond(IMediator mediator, Case @case, CaseDeadline deadline, DeadlineEvent what, DeadlineResponse response, CancellationToken ct)
    {
        try
        {
            switch (response)
            {
                case DeadlineResponse.Remind:
                    await mediator.Send(new Remind.Command(@case.Id, deadline.Kind, what, deadline.DueAt), ct);
                    break;
                case DeadlineResponse.Escalate:
                    await mediator.Send(new Escalate.Command(@case.Id, deadline.Kind, what, deadline.DueAt), ct);
                    break;
                case DeadlineResponse.AutoApprove:
                    await mediator.Send(new Approve.Command(@case.Id, "平台超时自动同意 / approved automatically by the platform after 48 h", null), ct);
                    await mediator.Send(new NotifyAutomaticOutcome.Command(@case.Id, deadline.Kind,
                        "卖家48小时未处理,平台已自动同意 / The seller did not decide within 48 h: the platform approved the request."), ct);
                    break;
                case DeadlineResponse.Expire:
                    await mediator.Send(new ExpireCase.Command(@case.Id, $"{deadline.Kind} passed at {deadline.DueAt:u}"), ct);
                    await mediator.Send(new NotifyAutomaticOutcome.Command(@case.Id, deadline.Kind,
                        "买家超时未处理,售后已关闭 / The buyer did not act in time: the case expired."), ct);
                    break;
                case DeadlineResponse.PlatformRefund:
                    await mediator.Send(new RecordPlatformRefund.Command(@case.Id), ct);
                    await mediator.Send(new NotifyAutomaticOutcome.Command(@case.Id, deadline.Kind,
                        "卖家超时未确认收货,平台已自动退款 / Receipt not confirmed in time: the platform refunded the buyer."), ct);
                    break;
                case DeadlineResponse.Lock:
                    await mediator.Send(new LockReview.Command(@case.Id), ct);
                    await mediator.Send(new NotifyAutomaticOutcome.Command(@case.Id, deadline.Kind,
                        "评价修改期已过,评价已锁定 / The revision window passed: the review is locked."), ct);
                    break;
            }
        }
        catch (Exception e) when (e is InvalidTransitionException or PolicyViolationException)
        {
            // The case moved on in a way the clock did not foresee: a person must look at it.
            await mediator.Send(new Escalate.Command(@case.Id, deadline.Kind, what, deadline.DueAt, $"Automatic {response} not applied: {e.Message}"), ct);
        }
    }
}

public static class RecurringJobs
{
    public const string DeadlineSweepId = "deadline-sweep";
    public const string WebhookDispatchId = "webhook-dispatch";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<DeadlineSweep>(DeadlineSweepId, sweep => sweep.Run(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<WebhookDispatch>(WebhookDispatchId, dispatch => dispatch.Run(CancellationToken.None), Cron.Minutely());
    }
}
