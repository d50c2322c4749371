using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Jobs;

public sealed record DispatchResult(int Queued, int Delivered, int Retrying, int Failed);

/// <summary>
/// Turns outbox rows into deliveries for each matching subscription, then delivers what is due: signed with
/// HMAC-SHA256, retried with exponential backoff for 24 h. Rows are claimed like deadlines, so two nodes never
/// send the same delivery at once; an event already committed is never lost, even if a node dies.
/// </summary>
public sealed class WebhookDispatch(IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock, ILogger<WebhookDispatch> log)
{
    public const string HttpClientName = "webhooks";
    public const int BatchSize = 100;
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    public async Task<DispatchResult> Run(CancellationToken ct = default)
    {
        var queued = await FanOut(ct);
        int delivered = 0, retrying = 0, failed = 0;
        for (var round = 0; round < 1000; round++)
        {
            var batch = await Claim(ct);
            if (batch.Count == 0) break;
            foreach (var id in batch)
            {
                switch (await Deliver(id, ct))
                {
                    case DeliveryStatus.Delivered: delivered++; break;
                    case DeliveryStatus.Failed: failed++; break;
                    default: retrying++; break;
                }
            }
        }
        return new DispatchResult(queued, delivered, retrying, failed);
    }

    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>1 min, 2, 4 … capped at 1 h between attempts.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    private async Task<int> FanOut(CancellationToken ct)
    {
        var queued = 0;
        for (var round = 0; round < 1000; round++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
            await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var events = await db.Outbox.Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
            if (events.Count == 0) return queued;
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var message in events)
            {
                foreach (var subscription in subscriptions.Where(s => s.Wants(message.Type)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(now), SubscriptionId = subscription.Id, OutboxId = message.Id, EventType = message.Type,
                        Payload = message.Payload, Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                    });
                    queued++;
                }
                message.DispatchedAt = now;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another node fanned out the same rows first; its deliveries stand.
                return queued;
            }
        }
        return queued;
    }

    private async Task<IReadOnlyList<Guid>> Claim(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries
            .Where(d => d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.OutboxId).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        var token = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, now + TimeSpan.FromMinutes(2)), ct);
        // In event order: a receiver sees a case's events as they happened (retries aside; each carries its version).
        return await db.WebhookDeliveries.Where(d => due.Contains(d.Id) && d.ClaimedBy == token).OrderBy(d => d.OutboxId).Select(d => d.Id).ToListAsync(ct);
    }

    private async Task<DeliveryStatus> Deliver(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
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
            // The event's id in GET /events, the same for every subscription (the delivery id is per subscription).
            request.Headers.Add("X-Returns-Event-Id", delivery.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Returns-Timestamp", timestamp);
            request.Headers.Add("X-Returns-Signature", Signature(subscription.Secret, timestamp, delivery.Payload));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastError = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            delivery.LastStatusCode = null;
            delivery.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
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
