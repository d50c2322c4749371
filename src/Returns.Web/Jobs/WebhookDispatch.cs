using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Jobs;

public sealed record DispatchResult(int Queued, int Delivered, int Retrying, int Failed);

/// <summary>
/// Turns outbox rows into deliveries for each matching subscription, then delivers what is due: signed with
/// HMAC-SHA256, retried with exponential backoff for 24 h. Runs right after a commit that wrote outbox rows
/// (<see cref="WebhookDispatcher"/>) and every minute as the safety net. Deliveries are claimed, so two nodes never
/// send the same one; a subscription gets one case's events one at a time, in the order they happened (a later event
/// waits while an earlier one is still pending); an event already committed is never lost, even if a node dies.
/// </summary>
public sealed class WebhookDispatch(IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock, ILogger<WebhookDispatch> log)
{
    public const string HttpClientName = "webhooks";
    public const int BatchSize = 100;
    public const int FanOutBatchSize = 500;

    /// <summary>Deliveries of one batch sent at once (each to another case or subscription, so order is kept).</summary>
    public const int Parallel = 16;

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>A node that dies mid-delivery holds its claim this long (well above the 10 s request timeout).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task<DispatchResult> Run(CancellationToken ct = default)
    {
        int queued = 0, delivered = 0, retrying = 0, failed = 0;
        var subscriptions = new Dictionary<Guid, WebhookSubscription>();
        // Fan out and deliver in turns, so that an event committed while a long batch is sent waits one batch, not the run.
        for (var round = 0; round < 10_000; round++)
        {
            var (read, added, more) = await FanOut(ct);
            queued += added;
            var (batch, token) = await Claim(subscriptions, ct);
            if (read == 0 && batch.Count == 0) break;
            // A short read and a short claim mean nothing else waits: no empty round to find that out. A commit during
            // this run rings the bell again, and the minutely job is the safety net.
            var last = !more && batch.Count < BatchSize;
            // Each case's events to each subscription in order, one after the other; different ones side by side.
            var groups = batch.GroupBy(d => (d.SubscriptionId, d.CaseId)).Select(g => g.OrderBy(d => d.OutboxId).ToList()).ToList();
            var sent = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, int StatusCode)>();
            try
            {
                await System.Threading.Tasks.Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
                    async (group, groupCt) =>
                    {
                        for (var i = 0; i < group.Count; i++)
                        {
                            var (status, code) = await Deliver(group[i], subscriptions[group[i].SubscriptionId], token, groupCt);
                            if (status == DeliveryStatus.Delivered)
                            {
                                sent.Add((group[i].Id, code!.Value));
                                continue;
                            }
                            if (status == DeliveryStatus.Failed) Interlocked.Increment(ref failed);
                            else Interlocked.Increment(ref retrying);
                            // The case's later events wait for this one's retry: hand them back unsent.
                            await Release(group.Skip(i + 1).Select(d => d.Id).ToList(), token, groupCt);
                            break;
                        }
                    });
            }
            finally
            {
                // Also when stopping mid-batch: what was sent is recorded as sent.
                delivered += await RecordDelivered(sent, token);
            }
            if (last) break;
        }
        return new DispatchResult(queued, delivered, retrying, failed);
    }

    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>1 min, 2, 4 … capped at 1 h between attempts.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>
    /// One batch of outbox rows not yet fanned out: a delivery per subscription that wants the event and hears its
    /// shop. Two nodes fanning out the same rows collide on the unique (subscription, event) index; the loser reads again.
    /// </summary>
    private async Task<(int Read, int Queued, bool More)> FanOut(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Id).ToListAsync(ct);
            var now = clock.GetUtcNow();
            await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
            if (subscriptions.Count == 0)
            {
                // Nobody listens (most shops, most of the time): mark the events dispatched in one statement instead of
                // reading each one back, which cost about as much database work as the write that committed it.
                var marked = await db.Outbox.Where(m => m.DispatchedAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.DispatchedAt, now), ct);
                return (marked, 0, false);
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var events = await db.Outbox.Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(FanOutBatchSize).ToListAsync(ct);
            if (events.Count == 0) return (0, 0, false);
            var caseIds = events.Where(e => e.CaseId is not null).Select(e => e.CaseId!.Value).Distinct().ToList();
            var shops = subscriptions.Any(s => s.Shop is not null)
                ? await db.Cases.Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Shop }).ToDictionaryAsync(c => c.Id, c => c.Shop, ct)
                : [];
            var queued = 0;
            foreach (var message in events)
            {
                var shop = message.CaseId is { } caseId ? shops.GetValueOrDefault(caseId) : null;
                foreach (var subscription in subscriptions.Where(s => s.Wants(message.Type) && s.Hears(shop)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(now), SubscriptionId = subscription.Id, OutboxId = message.Id, CaseId = message.CaseId,
                        EventType = message.Type, Payload = message.Payload, Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                    });
                    queued++;
                }
                message.DispatchedAt = now;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (events.Count, queued, events.Count == FanOutBatchSize);
            }
            catch (DbUpdateException e) when (attempt < 5 && (e.IsUniqueViolation() || e.IsDeadlock()))
            {
                // Another node fanned out some of these rows first; its deliveries stand. Read what is left.
                log.LogDebug("Webhook fan-out lost a race ({Attempt}); reading again", attempt);
            }
        }
    }

    /// <summary>A claimed delivery, as much of it as sending takes.</summary>
    private sealed record Claimed(Guid Id, Guid SubscriptionId, Guid? CaseId, long OutboxId, string EventType, string Payload, int Attempts, DateTimeOffset CreatedAt);

    /// <summary>
    /// Claims due deliveries in event order, but none behind an earlier delivery of the same case and subscription that
    /// is still pending and not in this batch (waiting for its retry, or claimed by another node): so a subscription gets
    /// each case's events in the order they happened, whichever node sends them.
    /// </summary>
    private async Task<(IReadOnlyList<Claimed> Batch, string Token)> Claim(Dictionary<Guid, WebhookSubscription> subscriptions, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var now = clock.GetUtcNow();
        var token = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        if (token.Length > 64) token = token[^64..];
        var due = await db.WebhookDeliveries
            .Where(d => d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .Where(d => !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.CaseId == d.CaseId && e.OutboxId < d.OutboxId
                && e.Status == DeliveryStatus.Pending && (e.NextAttemptAt > now || e.ClaimedUntil >= now)))
            .OrderBy(d => d.OutboxId).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return ([], token);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
                // The conditional UPDATE is the claim: of two nodes racing for a row, only one matches it.
                await db.WebhookDeliveries
                    .Where(d => due.Contains(d.Id) && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, now + ClaimFor), ct);
                break;
            }
            catch (Exception e) when (attempt < 3 && IsDeadlock(e))
            {
                log.LogDebug("Webhook claim chosen as a deadlock victim ({Attempt}); claiming again", attempt);
            }
        }
        var claimed = await db.WebhookDeliveries.AsNoTracking().Where(d => d.ClaimedBy == token).OrderBy(d => d.OutboxId)
            .Select(d => new
            {
                Delivery = new Claimed(d.Id, d.SubscriptionId, d.CaseId, d.OutboxId, d.EventType, d.Payload, d.Attempts, d.CreatedAt),
                // Another node won an earlier event of this case: this one goes back until that one is done.
                Behind = db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.CaseId == d.CaseId
                    && e.OutboxId < d.OutboxId && e.Status == DeliveryStatus.Pending && e.ClaimedBy != token),
            }).ToListAsync(ct);
        await Release(claimed.Where(c => c.Behind).Select(c => c.Delivery.Id).ToList(), token, ct);
        var batch = claimed.Where(c => !c.Behind).Select(c => c.Delivery).ToList();
        var missing = batch.Select(d => d.SubscriptionId).Where(id => !subscriptions.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var subscription in await db.WebhookSubscriptions.AsNoTracking().Where(s => missing.Contains(s.Id)).ToListAsync(ct))
                subscriptions[subscription.Id] = subscription;
        return (batch, token);
    }

    private static bool IsDeadlock(Exception e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected } or Microsoft.Data.SqlClient.SqlException { Number: 1205 }
        || (e is DbUpdateException u && u.IsDeadlock());

    /// <summary>Hands claimed deliveries back unsent (a case's later events, when an earlier one failed).</summary>
    private async Task Release(IReadOnlyList<Guid> ids, string token, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>
    /// The batch's successful attempts, in one UPDATE per status code (not one per delivery), written only while this
    /// node still holds their claim, and not cancelled half-way: a sent delivery must be recorded as sent.
    /// </summary>
    private async Task<int> RecordDelivered(IReadOnlyCollection<(Guid Id, int StatusCode)> sent, string token)
    {
        if (sent.Count == 0) return 0;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, CancellationToken.None);
        foreach (var answer in sent.GroupBy(s => s.StatusCode))
        {
            var ids = answer.Select(s => s.Id).ToList();
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.ClaimedBy == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.Status, DeliveryStatus.Delivered)
                    .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null).SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.LastStatusCode, answer.Key).SetProperty(d => d.LastError, (string?)null)
                    .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        return sent.Count;
    }

    /// <summary>One attempt. A failed one is recorded at once (only while this node still holds the claim); a successful one with its batch.</summary>
    private async Task<(DeliveryStatus Status, int? StatusCode)> Deliver(Claimed delivery, WebhookSubscription subscription, string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        int? statusCode = null;
        string? error;
        try
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Returns-Event", delivery.EventType);
            request.Headers.Add("X-Returns-Delivery", delivery.Id.ToString());
            // The event's id in GET /events, the same for every subscription (the delivery id is per subscription).
            request.Headers.Add("X-Returns-Event-Id", delivery.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Returns-Timestamp", timestamp);
            request.Headers.Add("X-Returns-Signature", Signature(subscription.Secret, timestamp, delivery.Payload));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            statusCode = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            var message = e.InnerException is HttpRequestException inner ? inner.Message : e.Message;
            error = message.Length > 2000 ? message[..2000] : message;
        }

        if (error is null) return (DeliveryStatus.Delivered, statusCode);
        var (status, next) = now - delivery.CreatedAt >= GiveUpAfter || !subscription.Active
            ? (DeliveryStatus.Failed, (DateTimeOffset?)null)
            : (DeliveryStatus.Pending, now + Backoff(attempts));
        if (status == DeliveryStatus.Failed)
            log.LogWarning("Webhook delivery {Delivery} to {Url} failed for good after {Attempts} attempts: {Error}",
                delivery.Id, subscription.Url, attempts, error);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, CancellationToken.None);
        // A claim that ran out and was taken over (this node stalled) matches nothing: the other node's outcome stands.
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.Status, status).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastStatusCode, statusCode).SetProperty(d => d.LastError, error)
                .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return (status, statusCode);
    }
}
