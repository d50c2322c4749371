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
    public const int Parallel = 8;

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>A node that dies mid-delivery holds its claim this long (well above the 10 s request timeout).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task<DispatchResult> Run(CancellationToken ct = default)
    {
        int queued = 0, delivered = 0, retrying = 0, failed = 0;
        // Fan out and deliver in turns, so that an event committed while a long batch is sent waits one batch, not the run.
        for (var round = 0; round < 10_000; round++)
        {
            var (read, added) = await FanOut(ct);
            queued += added;
            var (batch, token) = await Claim(ct);
            if (read == 0 && batch.Count == 0) break;
            await System.Threading.Tasks.Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
                async (id, token2) =>
                {
                    switch (await Deliver(id, token, token2))
                    {
                        case DeliveryStatus.Delivered: Interlocked.Increment(ref delivered); break;
                        case DeliveryStatus.Failed: Interlocked.Increment(ref failed); break;
                        case DeliveryStatus.Pending: Interlocked.Increment(ref retrying); break;
                    }
                });
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
    private async Task<(int Read, int Queued)> FanOut(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
            await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var events = await db.Outbox.Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(FanOutBatchSize).ToListAsync(ct);
            if (events.Count == 0) return (0, 0);
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Id).ToListAsync(ct);
            var caseIds = events.Where(e => e.CaseId is not null).Select(e => e.CaseId!.Value).Distinct().ToList();
            var shops = subscriptions.Any(s => s.Shop is not null)
                ? await db.Cases.Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Shop }).ToDictionaryAsync(c => c.Id, c => c.Shop, ct)
                : [];
            var now = clock.GetUtcNow();
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
                return (events.Count, queued);
            }
            catch (DbUpdateException e) when (attempt < 5 && (e.IsUniqueViolation() || e.IsDeadlock()))
            {
                // Another node fanned out some of these rows first; its deliveries stand. Read what is left.
                log.LogDebug("Webhook fan-out lost a race ({Attempt}); reading again", attempt);
            }
        }
    }

    /// <summary>
    /// Claims due deliveries whose case has no earlier delivery still pending for the same subscription: so a batch
    /// holds at most one event per case and subscription, and a case's events reach a subscription in order.
    /// </summary>
    private async Task<(IReadOnlyList<Guid> Ids, string Token)> Claim(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var now = clock.GetUtcNow();
        var token = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        if (token.Length > 64) token = token[^64..];
        var due = await db.WebhookDeliveries
            .Where(d => d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .Where(d => !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.CaseId == d.CaseId
                && e.OutboxId < d.OutboxId && e.Status == DeliveryStatus.Pending))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.OutboxId).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return ([], token);
        // The conditional UPDATE is the claim: of two nodes racing for a row, only one matches it.
        await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, now + ClaimFor), ct);
        return (await db.WebhookDeliveries.Where(d => due.Contains(d.Id) && d.ClaimedBy == token).OrderBy(d => d.OutboxId).Select(d => d.Id).ToListAsync(ct), token);
    }

    private async Task<DeliveryStatus?> Deliver(Guid id, string token, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
        // The claim ran out (this node stalled) and another node took the delivery over: it is theirs now.
        if (delivery.ClaimedBy != token) return null;
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        try
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Returns-Event", delivery.EventType);
            request.Headers.Add("X-Returns-Delivery", delivery.Id.ToString());
            request.Headers.Add("X-Returns-Timestamp", timestamp);
            request.Headers.Add("X-Returns-Signature", Signature(subscription.Secret, timestamp, delivery.Payload));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastError = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            delivery.LastStatusCode = null;
            var message = e.InnerException is HttpRequestException inner ? inner.Message : e.Message;
            delivery.LastError = message.Length > 2000 ? message[..2000] : message;
        }

        if (delivery.LastError is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
        }
        else if (now - delivery.CreatedAt >= GiveUpAfter || !subscription.Active)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            log.LogWarning("Webhook delivery {Delivery} to {Url} failed for good after {Attempts} attempts: {Error}",
                delivery.Id, subscription.Url, delivery.Attempts, delivery.LastError);
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
        }
        delivery.ClaimedBy = null;
        delivery.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return delivery.Status;
    }
}
